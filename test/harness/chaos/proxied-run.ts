// One proxied session for the chaos proxy's tests: this project's venue and client engines through the
// proxy with a scenario's faults, and the verdict on the engine under test.
import { ChaosProxy, type TouchedFrame } from '../../../harness/chaos/chaos-proxy.ts';
import { DEFAULT_PROXY_LIMITS } from '../../../harness/chaos/proxy-limits.ts';
import { proxyFaultPlan, type ProxyFaultPlan } from '../../../harness/chaos/proxy-faults.ts';
import { judge, type Role, type Verdict } from '../../../harness/chaos/verdict.ts';
import { parseScenario } from '../../../harness/scenario/index.ts';
import type { SessionConfig } from '../../../venues/fix/session/index.ts';
import { runClient, startVenue, type Client } from './engines.ts';

/** A complete scenario around `faults` (YAML flow lists, one per line). */
export function scenarioWith(faults: string[]): string {
  return [
    'name: chaos-test',
    'title: chaos proxy test',
    'description: faults for the chaos proxy tests',
    'kind: synthetic',
    'market: { flow: { model: cst } }',
    'sessions: [{ id: s1, gateway: gw1, heartbeat: 1s }]',
    'parent: { side: buy, qtyShares: 1000, horizon: 60s }',
    'faults:',
    ...faults.map((f) => `  - ${f}`),
    '',
  ].join('\n');
}

export function planOf(yaml: string, seed = 1): ProxyFaultPlan {
  const loaded = parseScenario(yaml, 'chaos-test.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const plan = proxyFaultPlan(loaded.scenario, seed, undefined);
  if (typeof plan === 'string') throw new Error(plan);
  return plan;
}

export interface ProxiedRun {
  verdict: Verdict;
  client: Client;
  venueOrders: string[];
  touched: TouchedFrame[];
}

export async function proxiedRun(faults: string[], eut: Role, options: { orders?: number; intervalMs?: number; runMs?: number; broken?: SessionConfig['brokenForTests'] } = {}): Promise<ProxiedRun> {
  const venue = await startVenue(options.broken);
  const plan = planOf(scenarioWith(faults));
  const touched: TouchedFrame[] = [];
  const proxy = new ChaosProxy({ listen: { host: '127.0.0.1', port: 0 }, upstream: { host: '127.0.0.1', port: venue.port }, faults: plan.faults, seed: 1, limits: DEFAULT_PROXY_LIMITS, durationMs: undefined, onTouched: (t) => touched.push(t) });
  const port = await proxy.listen();
  const runMs = options.runMs ?? 3_000;
  const client = await runClient(port, { orders: options.orders ?? 10, intervalMs: options.intervalMs ?? 100, logoutAfterMs: runMs });
  proxy.stop('test over');
  const run = await proxy.done;
  await venue.close();
  const verdict = judge(run.observer, eut, { detectionMs: 1_000, recoveryMs: 3_000, answerMs: 2_000 }, plan.faults, run.touched, run.endedAtMs);
  return { verdict, client, venueOrders: venue.app.orders, touched };
}

export const failures = (v: Verdict) => v.rules.filter((r) => r.status === 'fail').map((r) => `${r.rule} [${r.subject}]: ${r.detail}`);
