/**
 * `execdrill chaos-proxy --scenario <file> --upstream <host:port> --engine-under-test initiator|acceptor`:
 * a FIX-aware TCP proxy between an initiator (pointed at --listen) and an acceptor (the upstream), applying
 * the scenario's session faults in real time (harness/chaos/README.md), then a verdict on the engine under
 * test against the spec's rules, with KPIs, exit codes and JUnit like a drill: 0 every rule held, 1 a rule
 * failed, 2 inconclusive (a fault touched no frame, a rule could not be decided), 64 bad input. It listens on
 * 127.0.0.1 unless told otherwise, and will not start without an explicit upstream.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { TouchedFrame } from '../chaos/chaos-proxy.ts';
import { DEFAULT_PROXY_LIMITS } from '../chaos/proxy-limits.ts';
import type { Role } from '../chaos/verdict.ts';
import { UsageError } from '../errors.ts';
import { durationFlagMs, helpEpilogue } from '../sweep/options.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { printable } from '../terminal-text.ts';

interface ChaosArgs {
  scenario: string;
  upstream?: string;
  listen: string;
  'engine-under-test'?: string;
  session?: string;
  seed: number;
  duration?: string;
  'detection-sla': string;
  'recovery-sla': string;
  'answer-sla': string;
  'logon-timeout': string;
  'max-run': string;
  'max-buffer-bytes': number;
  out?: string;
  json: boolean;
}

function hostPort(text: string | undefined, flag: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text ?? '');
  const port = Number(match?.[2]);
  if (match === null || port > 65_535) throw new UsageError(`${flag} must be host:port (such as 127.0.0.1:5001), got ${JSON.stringify(text)}`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** The proxy's times are real timers: longer than a day is a typo, not a plan. */
const ms = (text: string, flag: string): number => durationFlagMs(text, flag, { atMostMs: 24 * 3_600_000 });

export function chaosProxyCommand(setExit: (code: number) => void): CommandModule<object, ChaosArgs> {
  return {
    command: 'chaos-proxy',
    describe: "a FIX-aware TCP proxy that applies a scenario's session faults to a real session, then judges the engine under test",
    builder: (y: Argv) =>
      y
        .wrap(null)
        .option('scenario', { type: 'string', demandOption: true, describe: 'the scenario whose session faults to apply' })
        .option('upstream', { type: 'string', describe: 'the acceptor to connect to, host:port (required)' })
        .option('listen', { type: 'string', default: '127.0.0.1:0', describe: 'where the initiator connects (port 0: any free one, printed)' })
        .option('engine-under-test', { type: 'string', describe: 'initiator or acceptor: whose behaviour the verdict is on (required)' })
        .option('session', { type: 'string', describe: "the scenario session whose faults apply (default: the first)" })
        .option('seed', { type: 'number', default: 1, describe: 'resolves fault times drawn per seed, as an episode of that seed would' })
        .option('duration', { type: 'string', describe: 'end this long after the first Logon (default: when the faults are over and the session logged out)' })
        .option('detection-sla', { type: 'string', default: '1s', describe: 'a gap must be asked for within this' })
        .option('recovery-sla', { type: 'string', default: '10s', describe: 'a gap must be closed within this after it opened' })
        .option('answer-sla', { type: 'string', default: '5s', describe: "the engine must answer a peer's ResendRequest within this" })
        .option('logon-timeout', { type: 'string', default: '10s', describe: 'a client that sends no Logon within this is closed' })
        .option('max-run', { type: 'string', default: '10m', describe: 'give up after this, session or not' })
        .option('max-buffer-bytes', { type: 'number', default: DEFAULT_PROXY_LIMITS.maxBufferedBytes, describe: 'most bytes waiting in one direction (delays, pacing); past it the connection is closed' })
        .option('out', { type: 'string', describe: 'write verdict.json, junit.xml and frames.jsonl here' })
        .option('json', { type: 'boolean', default: false, describe: 'print the verdict as JSON (schema execdrill.chaos/1)' })
        .epilogue(
          helpEpilogue(
            [
              ['five ExecutionReports lost on the way to your initiator, the replay paced at 10/s: point the initiator at 127.0.0.1:5002', 'execdrill chaos-proxy --scenario scenarios/chaos/fix-gap-slow-replay.yaml --upstream 127.0.0.1:5001 --listen 127.0.0.1:5002 --engine-under-test initiator --out /tmp/chaos'],
            ],
            ['Two QuickFIX C++ engines to try it with: bash interop/build.sh, then harness/chaos/README.md.', 'Exit codes: 0 every rule held, 1 a rule failed, 2 inconclusive, 64 bad input.'],
          ),
        ) as unknown as Argv<ChaosArgs>,
    handler: async (args: ArgumentsCamelCase<ChaosArgs>) => {
      if (args.upstream === undefined) throw new UsageError('--upstream host:port is required: the proxy never guesses where the acceptor is');
      const upstream = hostPort(args.upstream, '--upstream');
      const listen = hostPort(args.listen, '--listen');
      const eut = args['engine-under-test'];
      if (eut !== 'initiator' && eut !== 'acceptor') throw new UsageError(`--engine-under-test must be initiator or acceptor, got ${JSON.stringify(eut)}`);
      if (!Number.isSafeInteger(args.seed) || args.seed < 0) throw new UsageError(`--seed must be a whole number >= 0, got ${String(args.seed)}`);
      const maxBuffer = args['max-buffer-bytes'];
      if (!Number.isInteger(maxBuffer) || maxBuffer < 4096 || maxBuffer > 1 << 30) throw new UsageError(`--max-buffer-bytes must be a whole number in 4096..${1 << 30}, got ${String(maxBuffer)}`);
      const slas = { detectionMs: ms(args['detection-sla'], '--detection-sla'), recoveryMs: ms(args['recovery-sla'], '--recovery-sla'), answerMs: ms(args['answer-sla'], '--answer-sla') };
      const durationMs = args.duration === undefined ? undefined : ms(args.duration, '--duration');
      const maxRunMs = ms(args['max-run'], '--max-run');
      const { formatIssue, loadScenarioFile } = await import('../scenario/index.ts');
      const { proxyFaultPlan } = await import('../chaos/proxy-faults.ts');
      const { ChaosProxy } = await import('../chaos/chaos-proxy.ts');
      const { judge } = await import('../chaos/verdict.ts');
      const { frameLog, verdictJson, verdictJunit, verdictText } = await import('../chaos/proxy-report.ts');
      const loaded = loadScenarioFile(args.scenario);
      if (!loaded.ok) throw new UsageError(loaded.issues.map(formatIssue).join('\n'));
      const plan = proxyFaultPlan(loaded.scenario, args.seed, args.session);
      if (typeof plan === 'string') throw new UsageError(`${args.scenario}: ${plan}`);
      if (args.out !== undefined) {
        try {
          mkdirSync(args.out, { recursive: true });
        } catch (error) {
          throw new UsageError(`cannot create ${args.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
      }
      const touched: TouchedFrame[] = [];
      const proxy = new ChaosProxy({
        listen,
        upstream,
        faults: plan.faults,
        seed: args.seed,
        limits: { ...DEFAULT_PROXY_LIMITS, logonTimeoutMs: ms(args['logon-timeout'], '--logon-timeout'), maxBufferedBytes: maxBuffer },
        durationMs,
        onTouched: (t) => touched.push(t),
      });
      let port: number;
      try {
        port = await proxy.listen();
      } catch (error) {
        throw new UsageError(`cannot listen on ${listen.host}:${listen.port}: ${(error as Error).message}`);
      }
      process.stdout.write(`chaos-proxy listening on ${listen.host}:${port}, upstream ${upstream.host}:${upstream.port}; ${plan.faults.length} fault(s) of ${args.scenario} on session ${plan.session}\n`);
      const giveUp = setTimeout(() => proxy.stop(`gave up after --max-run ${args['max-run']}`), maxRunMs);
      const interrupt = () => proxy.stop('interrupted');
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      const run = await proxy.done;
      clearTimeout(giveUp);
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      const verdict = judge(run.observer, eut as Role, slas, plan.faults, run.touched, run.endedAtMs);
      if (args.out !== undefined) {
        writeFileAtomic(join(args.out, 'verdict.json'), verdictJson(verdict, plan, run, args.scenario, args.seed));
        writeFileAtomic(join(args.out, 'junit.xml'), verdictJunit(verdict, args.scenario));
        writeFileAtomic(join(args.out, 'frames.jsonl'), frameLog(touched, run));
      }
      process.stdout.write(args.json ? verdictJson(verdict, plan, run, args.scenario, args.seed) : printable(verdictText(verdict, plan, run)));
      setExit(verdict.exitCode);
    },
  };
}
