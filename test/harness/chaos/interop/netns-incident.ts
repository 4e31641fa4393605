// Run inside a network namespace (by quickfix-interop.test.ts): an acceptor on 127.0.0.1:5001 (QuickFIX C++,
// or this project's engine, healthy or with a test-only defect), the chaos proxy on 127.0.0.1:5002 with a
// scenario's faults, and the QuickFIX C++ initiator through it; then the verdict. Prints one JSON line.
// Usage: tsx netns-incident.ts <fix-incident binary> <scenario> <initiator|acceptor> <work dir> <quickfix|ours|ours-ignore-rr|ours-apply-possdup>
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChaosProxy } from '../../../../harness/chaos/chaos-proxy.ts';
import { DEFAULT_PROXY_LIMITS } from '../../../../harness/chaos/proxy-limits.ts';
import { proxyFaultPlan } from '../../../../harness/chaos/proxy-faults.ts';
import { judge, type Role } from '../../../../harness/chaos/verdict.ts';
import { parseScenario } from '../../../../harness/scenario/index.ts';
import { NS_PER_S } from '../../../../sim/index.ts';
import { DEFAULT_SESSION_CONFIG, FixSession, PersistentMessageStore } from '../../../../venues/fix/session/index.ts';
import { FixTcpAcceptor, RealClock, TcpSessionDriver } from '../../../../venues/fix/tcp/index.ts';
import { FillingVenue } from '../engines.ts';

const [binary, scenarioFile, eut, work, acceptorKind] = process.argv.slice(2);
const loaded = parseScenario(readFileSync(scenarioFile, 'utf8'), scenarioFile);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const plan = proxyFaultPlan(loaded.scenario, 1, undefined);
if (typeof plan === 'string') throw new Error(plan);

let stopAcceptor: () => Promise<void>;
if (acceptorKind === 'quickfix') {
  const child = spawn(binary, ['acceptor', '5001', 'FIX.4.4', `${work}/a`, '60'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => createInterface({ input: child.stdout }).on('line', (line) => line === 'LISTENING' && resolve()));
  stopAcceptor = async () => void child.kill('SIGKILL');
} else {
  const clock = new RealClock();
  const brokenForTests = acceptorKind === 'ours-ignore-rr' ? { ignoreResendRequests: true } : acceptorKind === 'ours-apply-possdup' ? { applyPossDupDuplicates: true } : undefined;
  const session = new FixSession(
    { ...DEFAULT_SESSION_CONFIG, role: 'acceptor', beginString: 'FIX.4.4', senderCompId: 'VENUE', targetCompId: 'CLIENT', resetOnLogon: true, epochUtcMs: clock.epochUtcMs, logoutTimeoutNs: 2 * NS_PER_S, brokenForTests },
    new PersistentMessageStore(),
  );
  const acceptor = new FixTcpAcceptor([new TcpSessionDriver(session, clock, new FillingVenue())], clock);
  await acceptor.listen(5001, '127.0.0.1');
  stopAcceptor = () => acceptor.close();
}

const proxy = new ChaosProxy({ listen: { host: '127.0.0.1', port: 5002 }, upstream: { host: '127.0.0.1', port: 5001 }, faults: plan.faults, seed: 1, limits: DEFAULT_PROXY_LIMITS, durationMs: undefined });
await proxy.listen();
const initiator = spawn(binary, ['initiator', '5002', 'FIX.4.4', `${work}/i`, '16', '250'], { stdio: ['ignore', 'pipe', 'inherit'] });
let initiatorResult = '';
createInterface({ input: initiator.stdout }).on('line', (line) => (initiatorResult = line));
const killer = setTimeout(() => initiator.kill('SIGKILL'), 60_000);
await new Promise((resolve) => initiator.once('close', resolve));
clearTimeout(killer);
const settle = setTimeout(() => proxy.stop('the initiator is done'), 3_000);
const run = await proxy.done;
clearTimeout(settle);
await stopAcceptor();
const verdict = judge(run.observer, eut as Role, { detectionMs: 1_000, recoveryMs: 5_000, answerMs: 2_000 }, plan.faults, run.touched, run.endedAtMs);
process.stdout.write(`${JSON.stringify({ initiatorResult, verdict, touched: Object.fromEntries(run.touched), endReason: run.endReason })}\n`);
process.exit(0);
