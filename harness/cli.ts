/**
 * The command line, as a table of contents: every command and where it lives. Each command is a thin
 * layer of input and output around pure functions. Expected user-facing failures are `UsageError`s
 * (clear message, exit 64); anything else is a bug and is reported with its stack.
 */
import yargs from 'yargs';
import { UsageError, EXIT_USAGE } from './errors.ts';

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
      .version(false)
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
