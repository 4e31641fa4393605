/**
 * The command line, as a table of contents: every command and where it lives. Each command is a thin
 * layer of input and output around pure functions. One error path for all of them: bad input is a
 * `UsageError`, and a file-system error on a path the user named (an output directory that is a
 * file, read-only, under /proc...) is bad input too: one line each, exit 64, no stack. Anything else is
 * a bug of ours: exit 70, its stack and the command that replays it. Command modules load what their
 * handler needs when it runs, so `--help` and `--version` start in a fraction of a second.
 */
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import yargs from 'yargs';
import { EXIT_INTERNAL, EXIT_USAGE, UsageError } from './errors.ts';
import { describeFileSystemError, isFileSystemError } from './io/output-dir.ts';
import { shellQuote } from './sweep/replay.ts';
import { PROJECT_ROOT } from './sweep/runner-module.ts';
import { printable } from './terminal-text.ts';
import { PACKAGE_ROOT } from './package-files.ts';

const version = (): string => (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The project's own code: a file-system error there is a bug of ours, not a user's bad path. */
const OWN_CODE = ['harness', 'sim', 'venues', 'policies', 'bin', 'node_modules'].map((dir) => `${PROJECT_ROOT}${dir}${sep}`);

/** The message of an expected failure (exit 64), or undefined for a bug. */
function usageProblem(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  if (isFileSystemError(error) && !OWN_CODE.some((dir) => error.path.startsWith(dir))) return describeFileSystemError(error);
  return undefined;
}

/** A bug's report: what it was, where, and how to run it again. */
export function internalErrorReport(error: unknown, argv: readonly string[]): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `a thrown ${error === null ? 'null' : typeof error}: ${String(error)}`;
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 12) : [];
  return [`execdrill: internal error (a bug in execdrill, not in your input): ${printable(message)}`, ...frames, `replay: npx execdrill ${argv.map(shellQuote).join(' ')}`, ''].join('\n');
}

/** Reports an error any command ended with, and gives its exit code. */
export function reportFailure(error: unknown, argv: readonly string[]): number {
  const problem = usageProblem(error);
  if (problem !== undefined) {
    process.stderr.write(`execdrill: ${printable(problem)}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(internalErrorReport(error, argv));
  return EXIT_INTERNAL;
}

/** What yargs knows of the options of the command being run (missing from its types). */
interface DeclaredOptions {
  getOptions(): { array: string[]; key: Record<string, unknown> };
}

/**
 * yargs turns an option given twice into an array; for one that is not declared repeatable, that is a
 * mistake (`--scenario a --scenario b` would reach the command as the path "a,b"), refused for every command.
 */
function refuseRepeatedOptions(args: Record<string, unknown>, parser: DeclaredOptions): void {
  const { array, key } = parser.getOptions();
  const repeated = Object.keys(key).find((name) => !array.includes(name) && Array.isArray(args[name]));
  if (repeated !== undefined) throw new UsageError(`--${repeated} is given more than once`);
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  try {
    const parser = yargs(argv);
    await parser
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
      .command((await import('./commands/explain.ts')).explainCommand(setExit))
      .middleware((args) => refuseRepeatedOptions(args, parser as unknown as DeclaredOptions))
      .demandCommand(1, 'name a command')
      .fail((message, error) => {
        if (error) throw error;
        throw new UsageError(message);
      })
      .help()
      .version(version())
      .parseAsync();
  } catch (error) {
    setExit(reportFailure(error, argv));
  }
  return exitCode;
}
