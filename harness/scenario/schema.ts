/**
 * The scenario file's schema: one source for validation (every error at once, each with its path),
 * for the resolved configuration's types, and for the JSON Schema shipped to editors
 * (`scenarios/scenario.schema.json`, written by `npm run schema`). Unknown keys are errors, so a
 * typo is caught rather than silently ignored. Defaults make a short file a complete scenario.
 */
import { z } from 'zod';
import { fault } from './faults.ts';
import { duration, latencyModel, nonNegativeInt, positive, positiveInt, probability } from './primitives.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected a lower-case id (letters, digits, . _ -)' });

const source = z.strictObject({ title: z.string().min(1), url: z.string().url().optional(), note: z.string().optional() });

const cstFlow = z.strictObject({
  model: z.literal('cst'),
  /** Cont-Stoikov-Talreja (2010) fitted parameters; defaults are the published ones. */
  k: positive.default(1.92),
  alpha: positive.default(0.52),
  mu: positive.default(0.94),
  theta: z.array(positive).min(1).default([0.71, 0.81, 0.68, 0.56, 0.47]),
  timeUnit: duration.prefault('1s'),
  intensity: positive.default(1),
  orderSizeShares: positiveInt.default(100),
  maxDistanceTicks: positiveInt.default(5),
});

const lobsterFlow = z.strictObject({ model: z.literal('lobster'), file: z.string().min(1) });

const intensityWindow = z.strictObject({ from: duration, to: duration, intensity: positive, aggression: positive.default(1) });

const sequencer = z.strictObject({
  serviceTime: latencyModel.prefault({ model: 'exponential', mean: '5us' }),
  replayRateMsgsPerSec: positive.default(20_000),
  interleave: z.enum(['backlog-first', 'live-first', 'weighted']).default('weighted'),
  /** With `weighted`: backlog messages replayed per live message. */
  interleaveWeight: positiveInt.default(4),
  duringTransition: z.enum(['queue', 'reject']).default('queue'),
  heartbeatInterval: duration.prefault('100ms'),
});

const feed = z.strictObject({
  latency: latencyModel.prefault({ model: 'lognormal', median: '50us', p99: '250us' }),
  recovery: z.enum(['retransmit', 'snapshot', 'retransmit-or-snapshot']).default('retransmit-or-snapshot'),
  /** With retransmit-or-snapshot: gaps larger than this go to a snapshot. */
  snapshotAboveMessages: positiveInt.default(500),
  maxMessagesPerRequest: positiveInt.default(100),
  requestsPerSec: positive.default(100),
  heartbeatInterval: duration.prefault('100ms'),
});

const session = z.strictObject({
  id,
  gateway: id,
  beginString: z.enum(['FIX.4.2', 'FIX.4.4']).default('FIX.4.4'),
  heartbeat: duration.prefault('1s'),
  persistMessages: z.boolean().default(true),
  /** Most messages per ResendRequest; 0 asks for everything at once. */
  resendChunkSize: nonNegativeInt.default(0),
  latency: latencyModel.prefault({ model: 'lognormal', median: '100us', p99: '500us' }),
  reconnectInitial: duration.prefault('500ms'),
  reconnectMax: duration.prefault('8s'),
});

const dropCopy = z.strictObject({
  latency: latencyModel.prefault({ model: 'lognormal', median: '2ms', p99: '10ms' }),
  /** After a drop-copy outage: resend what was missed, or lose it. */
  afterOutage: z.enum(['resend', 'lose']).default('resend'),
});

const warmup = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('none') }),
  z.strictObject({ model: z.literal('jit'), coldMultiplier: positive.default(8), compileThresholdOrders: positiveInt.default(10_000) }),
  z.strictObject({ model: z.literal('exponential-ramp'), coldMultiplier: positive.default(5), timeConstant: duration }),
  z.strictObject({ model: z.literal('no-steady-state'), coldMultiplier: positive.default(5), plateauMultiplier: positive.default(1.5), timeConstant: duration }),
]);

const gatewayNode = z.strictObject({ id, serviceTime: latencyModel.prefault({ model: 'exponential', mean: '50us' }), role: z.enum(['primary', 'backup', 'pool']).default('pool') });

const gateways = z.strictObject({
  nodes: z.array(gatewayNode).min(1).prefault([{ id: 'gw1', role: 'primary' }]),
  warmup: warmup.prefault({ model: 'none' }),
  allocation: z.enum(['equal', 'canary', 'envoy-slow-start', 'haproxy-slow-start']).default('equal'),
  slowStartWindow: duration.prefault('1m'),
  canaryShare: probability.default(0.03),
  autoscaler: z
    .strictObject({
      metric: z.enum(['cpu', 'request-rate']).default('cpu'),
      target: positive.default(0.6),
      minReplicas: positiveInt.default(1),
      maxReplicas: positiveInt.default(10),
      syncPeriod: duration.prefault('15s'),
      tolerance: probability.default(0.1),
      scaleDownStabilization: duration.prefault('5m'),
      bootTime: duration.prefault('20s'),
      platformToTradingReady: duration.prefault('5s'),
    })
    .optional(),
  failover: z
    .strictObject({ heartbeatTimeout: duration.prefault('3s'), backupLogonDelay: duration.prefault('500ms') })
    .prefault({}),
  orderServer: z
    .strictObject({ startupPerLogRecord: duration.prefault('20us'), baseStartup: duration.prefault('2s') })
    .prefault({}),
});

const schedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('twap') }),
  z.strictObject({ kind: z.literal('pov'), participation: probability }),
]);

const parent = z.strictObject({
  side: z.enum(['buy', 'sell']),
  qtyShares: positiveInt,
  start: duration.prefault('0s'),
  horizon: duration,
  schedule: schedule.prefault({ kind: 'twap' }),
  mustComplete: z.boolean().default(false),
});

const router = z
  .strictObject({
    decisionInterval: duration.prefault('250ms'),
    minChildQtyShares: positiveInt.default(100),
    repriceTicks: positiveInt.default(2),
    statusRequestInterval: duration.prefault('1s'),
    cleanupSweepTicks: nonNegativeInt.default(10),
  })
  .prefault({});

export const scenarioSchema = z.strictObject({
  name: id,
  title: z.string().min(1),
  description: z.string().min(1),
  kind: z.enum(['synthetic', 'historical']),
  /** The seed document this scenario exercises (000..004), if any. */
  seedDocument: z.enum(['000', '001', '002', '003', '004']).optional(),
  sources: z.array(source).default([]),
  publicFacts: z.array(z.string()).default([]),
  assumptions: z.array(z.string()).default([]),
  phase: z.enum(['midday', 'open', 'close', 'auction']).default('midday'),
  /** Time after the parent's horizon for final reconciliation (invariants are checked then). */
  settle: duration.prefault('5s'),
  instrument: z
    .strictObject({ symbol: z.string().default('XYZ'), tickSize: positive.default(0.01), referencePriceTicks: positiveInt.default(10_000) })
    .prefault({}),
  market: z.strictObject({
    flow: z.discriminatedUnion('model', [cstFlow, lobsterFlow]),
    intensityWindows: z.array(intensityWindow).default([]),
  }),
  venue: z
    .strictObject({
      sequencer: sequencer.prefault({}),
      feed: feed.prefault({}),
      cancelOnDisconnect: z.boolean().default(false),
      cancelOnDisconnectDelay: duration.prefault('0ns'),
    }).prefault({}),
  sessions: z.array(session).min(1),
  dropCopy: dropCopy.optional(),
  gateways: gateways.prefault({}),
  parent,
  router,
  faults: z.array(fault).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
