/**
 * The command line, as a table of contents: every command and where it lives. Each command is a thin
 * layer of input and output around pure functions. Expected user-facing failures are `UsageError`s
 * (clear message, exit 64); anything else is a bug and is reported with its stack. Command modules
 * load what their handler needs when it runs, so `--help` and `--version` start in a fraction of a second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs from 'yargs';
import { UsageError, EXIT_USAGE } from './errors.ts';
import { PACKAGE_ROOT } from './package-files.ts';

const version = (): string => (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  try {
    await yargs(argv)
      .scriptName('execdrill')
      .usage('$0 <command> [options]')
      .strict()
      .strictCommands()
      .command((await import('./commands/run.ts')).runCommand(setExit))
      .command((await import('./commands/validate.ts')).validateCommand(setExit))
      .command((await import('./commands/list.ts')).listCommand)
      .command((await import('./commands/fix-acceptor.ts')).fixAcceptorCommand)
      .command((await import('./commands/fix-acceptance.ts')).fixAcceptanceCommand(setExit))
      .command((await import('./commands/chaos-proxy.ts')).chaosProxyCommand(setExit))
      .command((await import('./commands/import.ts')).importCommand(setExit))
      .command((await import('./commands/schema.ts')).schemaCommand)
      .command((await import('./commands/sweep.ts')).sweepCommand)
      .command((await import('./commands/merge.ts')).mergeCommand)
      .command((await import('./commands/compare.ts')).compareCommand)
      .command((await import('./commands/report.ts')).reportCommand)
      .command((await import('./commands/charts.ts')).chartsCommand)
      .command((await import('./commands/drill.ts')).drillCommand(setExit))
      .command((await import('./commands/facts.ts')).factsCommand(setExit))
      .command((await import('./commands/explain.ts')).explainCommand)
      .demandCommand(1, 'name a command')
      .fail((message, error) => {
        if (error) throw error;
        throw new UsageError(message);
      })
      .help()
      .version(version())
      .parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`execdrill: ${error.message}\n`);
      setExit(EXIT_USAGE);
    } else {
      throw error;
    }
  }
  return exitCode;
}
