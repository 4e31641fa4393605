/** `execdrill schema`: prints (or writes) the JSON Schema of scenario files, for editors. */
import type { CommandModule } from 'yargs';
import { helpEpilogue } from '../sweep/options.ts';

export const schemaCommand: CommandModule<object, { out?: string }> = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor completion and checks)',
  builder: (yargs) =>
    yargs
      .wrap(null)
      .option('out', { type: 'string', describe: 'write to this file instead of stdout' })
      .epilogue(helpEpilogue([['regenerate the schema shipped with the project (npm run schema)', 'execdrill schema --out scenarios/scenario.schema.json']], ['Exit codes: 0 written, 64 bad input.'])),
  handler: async (argv) => {
    const { scenarioJsonSchema } = await import('../scenario/index.ts');
    const { writeFileAtomic } = await import('../io/atomic-write.ts');
    const text = scenarioJsonSchema();
    if (argv.out) writeFileAtomic(argv.out, text);
    else process.stdout.write(text);
  },
};
