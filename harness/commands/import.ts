/**
 * `execdrill import <messages log> --out <scenario.yaml>`: reads one FIX session's QuickFIX file logs (the
 * messages log, and its event log: given with --events, or found beside it), writes a scenario that
 * reproduces the incident, with what cannot be inferred in its `assumptions`, and prints the KPIs the log
 * itself shows, to check a run of the scenario against (harness/import/README.md). A line that is not a
 * log entry, a foreign, truncated or interleaved line is exit 64, naming the file and line. With --check N it
 * runs the scenario for seeds 1..N and sets the run's session KPIs beside the log's: exit 1 if one differs.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.ts';
import { helpEpilogue } from '../sweep/options.ts';
import type { LogKpis } from '../import/log-kpis.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { sameFile } from '../io/output-dir.ts';
import { printable } from '../terminal-text.ts';

interface ImportArgs {
  messages: string;
  events?: string;
  'sender-comp-id'?: string;
  out?: string;
  name?: string;
  check: number;
  tolerance: number;
  json: boolean;
}

function kpiText(k: LogKpis): string {
  const list = (values: readonly (number | string | null)[]) => (values.length ? values.map((v) => (v === null ? '-' : String(v))).join(', ') : '-');
  return [
    'KPIs the log shows (ms):',
    `  gaps ${k.gaps}; sizes ${list(k.gapSizes)}; asked ${list(k.resendRanges)}`,
    `  detection lag ${list(k.detectionLagMs)}; resend round trip ${list(k.resendRoundTripMs)}; recovery ${list(k.recoveryMs)}`,
    `  replay frames ${list(k.replayFrames)} at ${list(k.replayRatePerSec)} a second; GFR ${k.gfr ?? '-'}; ResendRequests from the peer ${k.peerResendRequests}`,
    `  connections ${k.connections}; HeartBtInt ${k.heartBtIntSec ?? '-'} s; TestRequests ${k.testRequests}`,
    `  orders ${k.orders}, cancels ${k.cancels}, replaces ${k.replaces}, fills ${k.fills} (${k.filledQty} shares); order ack p50 ${k.ackLatencyP50Ms ?? '-'}`,
    `  one-way latency by MsgType: ${Object.entries(k.oneWayLatencyMs).map(([type, l]) => `${type} p50 ${l.p50} p99 ${l.p99} (${l.n})`).join('; ') || '-'}`,
  ].join('\n');
}

export function importCommand(setExit: (code: number) => void): CommandModule<object, ImportArgs> {
  return {
    command: 'import <messages>',
    describe: "turn a FIX session's QuickFIX logs into a scenario that reproduces the incident, and print the KPIs the log shows",
    builder: (y: Argv) =>
      y
        .wrap(null)
        .positional('messages', { type: 'string', demandOption: true, describe: 'the messages log (FileLog: <BeginString>-<Sender>-<Target>.messages.current.log)' })
        .option('events', { type: 'string', describe: 'the event log (default: the one beside the messages log, if any)' })
        .option('sender-comp-id', { type: 'string', describe: 'the CompID of the engine that wrote the log (default: from the file name)' })
        .option('out', { type: 'string', describe: 'write the scenario here (YAML)' })
        .option('name', { type: 'string', describe: 'the scenario name (default: from the file name)' })
        .option('check', { type: 'number', default: 0, describe: 'run the scenario for this many seeds and set its session KPIs beside the log\'s (exit 1 if one disagrees)' })
        .option('tolerance', { type: 'number', default: 0.1, describe: 'with --check: how far a run\'s recovery time may be from the log\'s, relative' })
        .option('json', { type: 'boolean', default: false, describe: 'print the KPIs and the scenario as JSON' })
        .epilogue(
          helpEpilogue(
            [
              ["a QuickFIX initiator's log (five ExecutionReports lost, a slow replay): write the scenario and check three runs of it against the log", 'execdrill import test/fixtures/quickfix-logs/gap-slow-replay/FIX.4.4-CLIENT-VENUE.messages.current.log --out /tmp/imported.yaml --check 3'],
              ['the same incident from the acceptor\'s side, as JSON', 'execdrill import test/fixtures/quickfix-logs/gap-slow-replay/FIX.4.4-VENUE-CLIENT.messages.current.log --json'],
            ],
            ['What the log cannot say is written into the scenario\'s assumptions, each with its lines (harness/import/README.md).', 'Exit codes: 0 written (and agrees), 1 a checked KPI disagrees, 64 bad input (the file and line named).'],
          ),
        ) as unknown as Argv<ImportArgs>,
    handler: async (args: ArgumentsCamelCase<ImportArgs>) => {
      // Loaded here, not at the top: every command module loads on every call, --help included (cli.ts).
      const { importLog } = await import('../import/import-log.ts');
      const { checkAgainstLog, runSessionKpis } = await import('../import/replay-check.ts');
      const messagesFile = args.messages;
      // Before the import: a bad --check must not leave a written scenario behind.
      if (!Number.isInteger(args.check) || args.check < 0 || args.check > 100) throw new UsageError(`--check must be a number of seeds in 0..100, got ${String(args.check)}`);
      if (!Number.isFinite(args.tolerance) || args.tolerance < 0 || args.tolerance > 1) throw new UsageError(`--tolerance must be in 0..1, got ${String(args.tolerance)}`);
      const { eventsFile, history, kpis, plain, yaml, scenario } = importLog(messagesFile, { events: args.events, senderCompId: args['sender-comp-id'], name: args.name, scenarioFile: args.out });
      if (args.out !== undefined) {
        const log = [messagesFile, eventsFile].find((file) => file !== undefined && sameFile(file, args.out!));
        if (log !== undefined) throw new UsageError(`--out ${args.out} is the log ${log}: writing the scenario there would lose the log; name a .yaml file`);
        try {
          writeFileAtomic(args.out, yaml);
        } catch (error) {
          throw new UsageError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
      }
      const runs = Array.from({ length: args.check }, (_, i) => runSessionKpis(scenario, args.out ?? messagesFile, i + 1, history.role));
      const checks = args.check > 0 ? checkAgainstLog(kpis, runs, history.role, args.tolerance) : [];
      if (args.json) process.stdout.write(`${JSON.stringify({ schema: 'execdrill.import/1', messages: messagesFile, events: eventsFile ?? null, engine: history.us, role: history.role, kpis, scenario: plain, check: checks }, null, 2)}\n`);
      else {
        process.stdout.write(printable(`${kpiText(kpis)}\n${args.out === undefined ? yaml : `wrote ${args.out} (${scenario.faults.length} faults, ${scenario.assumptions.length} assumptions)\n`}`));
        if (checks.length > 0) {
          process.stdout.write(`the scenario run for seeds 1..${args.check} (policy naive) against the log:\n`);
          for (const c of checks) process.stdout.write(`  ${c.agrees ? 'AGREES  ' : 'DIFFERS '} ${c.kpi}: log ${c.log}, runs ${c.runs.join(', ')}\n`);
        }
      }
      if (checks.some((c) => !c.agrees)) setExit(1);
    },
  };
}
