/**
 * `execdrill fix-acceptance <script.def | directory>...`: runs QuickFIX-format acceptance scripts (the .def
 * format of QuickFIX's test/definitions: I sends, E expects, iCONNECT, eDISCONNECT...) against an acceptor.
 * Without --port it starts this project's engine in-process, with the same session settings as
 * `fix-acceptor` (QuickFIX names), and counts a script that fails exactly at one of this engine's documented
 * QuickFIX deviations as such; with --port it tests whatever engine listens there, and every failure counts.
 * Exit 0 when no script failed, 1 when one did, 64 on bad input (a script that does not parse, named with its
 * line). Writes JUnit XML with --junit.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  DEFAULT_FIELD_PATTERNS,
  formatTally,
  parseFieldPatterns,
  parseScript,
  runScripts,
  startEchoAcceptor,
  type ClassifiedResult,
  type FieldPatterns,
} from '../../venues/fix/acceptance/index.ts';
import { EXIT_GATE_FAILED, UsageError } from '../errors.ts';
import { checkPort, describeSession, resolveSessionOptions, withSessionOptions, type SessionOptionArgs } from '../fix/acceptor-options.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { junitSuiteXml } from '../io/junit-suite.ts';
import { readInputFile } from '../io/input-file.ts';
import { printable } from '../terminal-text.ts';

interface FixAcceptanceArgs extends SessionOptionArgs {
  scripts: string[];
  port?: number;
  host: string;
  fields?: string;
  junit?: string;
  'expect-timeout': number;
}

const MAX_SCRIPT_BYTES = 1 << 20;
const MAX_SCRIPTS = 1_000;

function scriptFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = lstatSync(path).isDirectory();
    } catch {
      throw new UsageError(`${path}: no such script or directory`);
    }
    if (isDirectory) files.push(...readdirSync(path).filter((n) => n.endsWith('.def')).sort().map((n) => join(path, n)));
    else files.push(path);
    if (files.length > MAX_SCRIPTS) throw new UsageError(`more than ${MAX_SCRIPTS} scripts`);
  }
  if (files.length === 0) throw new UsageError(`no .def scripts in ${paths.join(', ')}`);
  return files;
}

function loadScripts(files: readonly string[]): { name: string; source: string }[] {
  const problems: string[] = [];
  const scripts = files.map((file) => {
    const source = readInputFile(file, { what: 'FIX acceptance script', maxBytes: MAX_SCRIPT_BYTES, encoding: 'latin1' });
    try {
      // A script of comments alone checks nothing: it would be counted as passed.
      if (parseScript(source).length === 0) throw new Error('no steps (I, E, iCONNECT ... lines): it would pass without checking anything');
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
    return { name: basename(file), source };
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return scripts;
}

function loadPatterns(file: string | undefined): FieldPatterns {
  if (file === undefined) return DEFAULT_FIELD_PATTERNS;
  const text = readInputFile(file, { what: 'fields file', maxBytes: 64 * 1024 });
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const [tag, ...regex] = line.split('=');
    try {
      if (!/^\d+$/.test(tag)) throw new Error('expected tag=regex');
      new RegExp(regex.join('='));
    } catch (error) {
      throw new UsageError(`${file}:${i + 1}: ${(error as Error).message}`);
    }
  });
  return parseFieldPatterns(text);
}

function junitOf(results: readonly ClassifiedResult[], target: string): string {
  return junitSuiteXml(`execdrill fix-acceptance ${target}`, results.map((r) => ({
    classname: 'execdrill.fix-acceptance',
    name: r.name,
    status: r.verdict === 'failed' ? 'fail' : 'pass',
    message: r.verdict === 'passed' ? undefined : `line ${r.failure?.lineNumber ?? '-'}: ${r.failure?.reason ?? ''}${r.note ? ` [${r.note}]` : ''}${r.verdict === 'deviation' ? ` (documented deviation: ${r.deviation?.reason})` : ''}`,
    durationSec: r.durationMs / 1000,
  })));
}

export function fixAcceptanceCommand(setExit: (code: number) => void): CommandModule<object, FixAcceptanceArgs> {
  return {
    command: 'fix-acceptance <scripts..>',
    describe: 'run QuickFIX-format acceptance scripts (.def) against this engine (in-process) or an acceptor at --port',
    builder: (y: Argv) =>
      withSessionOptions(
        y
          .positional('scripts', { type: 'string', array: true, demandOption: true, describe: '.def files or directories of them' })
          .option('port', { type: 'number', describe: 'test the acceptor listening here instead of starting this engine' })
          .option('host', { type: 'string', default: '127.0.0.1', describe: 'with --port: the acceptor host' })
          .option('fields', { type: 'string', describe: "a fields.fmt of tag=regex lines (default: CheckSum and timestamps, as QuickFIX's)" })
          .option('junit', { type: 'string', describe: 'write JUnit XML here' })
          .option('expect-timeout', { type: 'number', default: 20, describe: 'seconds an E line waits for a message' }),
      ) as unknown as Argv<FixAcceptanceArgs>,
    handler: async (args: ArgumentsCamelCase<FixAcceptanceArgs>) => {
      const scripts = loadScripts(scriptFiles(args.scripts));
      const patterns = loadPatterns(args.fields);
      const timeout = args['expect-timeout'];
      if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw new UsageError(`--expect-timeout must be seconds in (0, 600], got ${String(timeout)}`);
      const runner = { host: args.host, patterns, expectTimeoutMs: timeout * 1000 };
      let results: ClassifiedResult[];
      let target: string;
      if (args.port !== undefined) {
        target = `${args.host}:${checkPort(args.port)}`;
        results = await runScripts(scripts, { ...runner, port: args.port }, []);
      } else {
        const { settings, limits } = resolveSessionOptions(args);
        const engine = await startEchoAcceptor(settings.sessions, { port: 0, limits });
        target = `this engine (${settings.sessions.map(describeSession).join('; ')})`;
        try {
          results = await runScripts(scripts, { ...runner, host: '127.0.0.1', port: engine.port });
        } finally {
          await engine.close();
        }
      }
      process.stdout.write(`${printable(formatTally(`fix-acceptance against ${target}`, results))}\n`);
      if (args.junit !== undefined) {
        try {
          writeFileAtomic(args.junit, junitOf(results, target));
        } catch (error) {
          throw new UsageError(`cannot write ${args.junit}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
      }
      setExit(results.some((r) => r.verdict === 'failed') ? EXIT_GATE_FAILED : 0);
    },
  };
}
