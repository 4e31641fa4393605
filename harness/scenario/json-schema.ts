/** The JSON Schema of scenario files, generated from the same zod schema that validates them. */
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://execdrill.dev/scenario.schema.json', title: 'execdrill scenario' }, null, 2)}\n`;
}
