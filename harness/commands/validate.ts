/** `execdrill validate`: checks scenario files and prints every problem, each with its file and path. */
import type { CommandModule } from 'yargs';
import { EXIT_OK, EXIT_USAGE } from '../errors.ts';
import { helpEpilogue } from '../sweep/options.ts';

export function validateCommand(setExit: (code: number) => void): CommandModule<object, { files: string[]; json: boolean }> {
  return {
    command: 'validate <files..>',
    describe: 'Check scenario files; every error is printed with its file and path (exit 64 if any)',
    builder: (yargs) =>
      yargs
        .wrap(null)
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'scenario files' })
        .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' })
        .epilogue(helpEpilogue([['check every bundled scenario', 'execdrill validate scenarios/*.yaml']], ['Exit codes: 0 every file is valid, 64 a file has errors (each printed with its file and path).'])),
    handler: async (argv) => {
      const { formatIssue, loadScenarioFile } = await import('../scenario/index.ts');
      const results = argv.files.map((file) => loadScenarioFile(file));
      const bad = results.filter((r) => !r.ok);
      if (argv.json) {
        process.stdout.write(`${JSON.stringify(results.map((r) => (r.ok ? { file: r.file, ok: true, name: r.scenario.name, hash: r.hash } : { file: r.file, ok: false, issues: r.issues })))}\n`);
      } else {
        for (const result of results) {
          if (result.ok) process.stdout.write(`ok  ${result.file} (${result.scenario.name}, ${result.scenario.faults.length} faults)\n`);
          else for (const issue of result.issues) process.stderr.write(`${formatIssue(issue)}\n`);
        }
        if (bad.length > 0) process.stderr.write(`${bad.length} of ${results.length} file(s) have errors\n`);
      }
      setExit(bad.length > 0 ? EXIT_USAGE : EXIT_OK);
    },
  };
}
