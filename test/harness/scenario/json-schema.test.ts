import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../harness/scenario/index.ts';

type JsonSchema = { properties?: Record<string, JsonSchema>; description?: string; [key: string]: unknown };

/** Every property of every object in the schema, with its path and its description. */
function properties(node: unknown, path = ''): { path: string; description: string | undefined }[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item) => properties(item, path));
  const schema = node as JsonSchema;
  const own = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => [{ path: `${path}.${key}`, description: child.description }, ...properties(child, `${path}.${key}`)]);
  const nested = Object.entries(schema).filter(([key]) => key !== 'properties').flatMap(([, child]) => properties(child, path));
  return [...own, ...nested];
}

describe('scenario JSON Schema', () => {
  it('ships in scenarios/ exactly as the validating schema generates it (run `npm run schema` after changing the schema)', () => {
    expect(readFileSync('scenarios/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });

  it('describes every field of a scenario file, for an editor to show', () => {
    const all = properties(JSON.parse(scenarioJsonSchema()));
    expect(all.length).toBeGreaterThan(150);
    expect(all.filter((p) => p.description === undefined || p.description.length < 8).map((p) => p.path)).toEqual([]);
  });
});
