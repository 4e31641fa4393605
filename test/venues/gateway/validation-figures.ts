// Prints the gateway's validation figures (VALIDATION.md W1, W3, W4, G3) and its warm-up curves'
// settling points. Run: npx tsx test/venues/gateway/validation-figures.ts
import { Exponential, Kernel, NS_PER_MS, NS_PER_S, RandomStreams, type EventHandler, type RandomStream } from '../../../sim/index.ts';
import {
  ConnectionPoolWarmup,
  ConstantLatency,
  CpuUtilisation,
  EqualWeights,
  ExponentialLatency,
  ExponentialRampWarmup,
  GatewayPool,
  GcPauseWarmup,
  HpaAutoscaler,
  JitWarmup,
  NoSteadyStateWarmup,
  NoWarmup,
  PlateauWarmup,
  SharedQueueRouting,
  TlsResumptionWarmup,
  WeightedRouting,
  envoySlowStartFactor,
  haproxySlowStartMaxconn,
  type GatewayNodeListener,
  type GatewayNodeModels,
  type PoolRouting,
  type WarmupCurve,
} from '../../../venues/gateway/index.ts';

const window = 60 * NS_PER_S;
console.log('W1 Envoy, window 60 s, aggression 1 at 15/30/59 s:', [15, 30, 59].map((t) => envoySlowStartFactor(t * NS_PER_S, window).toFixed(4)).join(', '));
console.log('W1 Envoy, aggression 2 at 15/30 s:', [15, 30].map((t) => envoySlowStartFactor(t * NS_PER_S, window, 2).toFixed(4)).join(', '));
console.log('W3 HAProxy, ss 60 s, maxconn 100 at 0/15/30/59/60 s:', [0, 15, 30, 59, 60].map((t) => haproxySlowStartMaxconn(t * NS_PER_S, window, 100)).join(', '));

class Poisson implements EventHandler {
  private readonly gap: Exponential;
  constructor(private readonly pool: GatewayPool<number>, private readonly rng: RandomStream, rate: number, private remaining: number) {
    this.gap = new Exponential(rate);
  }
  handleEvent(_kind: number, _data: unknown, kernel: Kernel): void {
    this.pool.submit(0);
    if (--this.remaining > 0) kernel.scheduleAfter(Math.round(this.gap.sample(this.rng) * 1e9), this);
  }
}

function pool(routing: (streams: RandomStreams) => PoolRouting<number, number>, nodes: number, rate: number, customers: number, seed: number, listener: Partial<GatewayNodeListener<number, number>> = {}) {
  const kernel = new Kernel();
  const streams = new RandomStreams(seed);
  const zero = new ConstantLatency(0);
  const models: GatewayNodeModels = { serviceTime: new ExponentialLatency(1000), warmup: new NoWarmup(), inboundLatency: zero, wireLatency: zero, returnLatency: zero, bootLatency: new ConstantLatency(20 * NS_PER_S), sessionLogonLatency: new ConstantLatency(10 * NS_PER_S) };
  const noop = () => undefined;
  const full: GatewayNodeListener<number, number> = { onWire: noop, onAck: noop, onRejected: noop, onLost: noop, onAckLost: noop, ...listener };
  const p = new GatewayPool<number>(kernel, streams, full, { idPrefix: 'gw', models, routing: routing(streams) });
  for (let i = 0; i < nodes; i++) p.startNode();
  kernel.schedule(0, new Poisson(p, streams.get('flow.arrivals'), rate, customers));
  return { kernel, pool: p };
}

for (const [ratio, replicas] of [[2, 4], [1.05, 3]]) {
  const { kernel, pool: p } = pool((s) => new WeightedRouting(new EqualWeights(), s.get('gateway.pool.dispatch')), replicas, replicas * 1000 * 0.4 * ratio, Number.POSITIVE_INFINITY, 5);
  const hpa = new HpaAutoscaler(kernel, p, { metric: new CpuUtilisation(0.4), maxReplicas: 20 });
  hpa.start();
  kernel.run({ until: 15 * NS_PER_S });
  const d = hpa.decisions[0];
  console.log(`W4 HPA: ${replicas} replicas at ${ratio}x target CPU -> measured ratio ${(d.usageRatio ?? 0).toFixed(3)}, recommended ${d.recommended}, scaled to ${d.scaledTo} after one 15 s period`);
}

for (const [name, routing] of [
  ['shared queue (M/M/4)', () => new SharedQueueRouting<number, number>()],
  ['per-node queues, equal random split', (s: RandomStreams) => new WeightedRouting<number, number>(new EqualWeights(), s.get('gateway.pool.dispatch'))],
] as const) {
  let n = 0;
  let waited = 0;
  let beyond = 0;
  let sum = 0;
  let started = 0;
  const { kernel } = pool(routing, 4, 3500, 3_000_000, 2024, {
    onServiceStart: (_m, _node, waitNs) => {
      if (started++ < 10_000) return;
      n++;
      if (waitNs > 0) waited++;
      if (waitNs > NS_PER_MS) beyond++;
      sum += waitNs;
    },
  });
  kernel.run();
  console.log(`G3 ${name}, λ=3500/s μ=1000/s c=4, ${n} customers: P(wait>0)=${(waited / n).toFixed(4)} Wq=${(sum / n / NS_PER_MS).toFixed(4)} ms P(Wq>1ms)=${(beyond / n).toFixed(4)}`);
}

const curves: [string, WarmupCurve][] = [
  ['exponential-ramp m0=5 τ=10s', new ExponentialRampWarmup(5, 10 * NS_PER_S)],
  ['jit (defaults m0=10, k=2000)', new JitWarmup()],
  ['connection-pool 20 conns @2/s, miss x4', new ConnectionPoolWarmup(20, 2, 4)],
  ['tls-resumption 8 peers, full handshake x6', new TlsResumptionWarmup(8, 6)],
  ['gc-pause p 0.2->0.01, τ=30s, pause x50', new GcPauseWarmup(0.2, 0.01, 30 * NS_PER_S, 50)],
  ['plateau 4 -> 1.5, τ=10s', new PlateauWarmup(4, 1.5, 10 * NS_PER_S)],
  ['no-steady-state 1..2, period 20s', new NoSteadyStateWarmup(1, 1, 20 * NS_PER_S)],
];
for (const [name, curve] of curves) {
  const s = curve.settling(0.1);
  console.log(`settling within 10%: ${name}: age ${Number.isFinite(s.ageNs) ? (s.ageNs / NS_PER_S).toFixed(2) + ' s' : 'never'}, orders ${Number.isFinite(s.orders) ? s.orders : 'never'}`);
}
