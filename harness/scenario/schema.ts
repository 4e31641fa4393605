/**
 * The scenario file's schema: one source for validation (every error at once, each with its path),
 * for the resolved configuration's types, and for the JSON Schema shipped to editors
 * (`scenarios/scenario.schema.json`, written by `npm run schema`). Unknown keys are errors, so a
 * typo is caught rather than silently ignored. Defaults make a short file a complete scenario.
 */
import { z } from 'zod';
import { fault } from './faults.ts';
import { clockTime, duration, latencyModel, nonNegativeInt, positive, positiveInt, probability, timePoint } from './primitives.ts';

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
  /**
   * `exogenous`: the flow is drawn once per seed as a tape and replayed into every run of that seed,
   * shifted by our impact and the parent's alpha (the default: runs then share one market). `endogenous`:
   * the flow reacts to the live book as the CST model does, so one different order of ours sends the
   * runs' markets apart; kept for the model's own validation and for comparison.
   */
  mode: z.enum(['exogenous', 'endogenous']).default('exogenous'),
});

const lobsterFlow = z.strictObject({ model: z.literal('lobster'), file: z.string().min(1) });

/** How our trades move the exogenous market (venues/market/resilient-square-root-impact.ts). */
const impactModel = z.discriminatedUnion('model', [
  z.strictObject({
    model: z.literal('resilient-square-root'),
    /** Y of the square-root law I = Y sigma sqrt(Q / V) (Toth et al. 2011: of order 1). */
    y: positive.default(1),
    /** Impact left after the book has refilled, as a share of the peak (Bershova & Rakhlin 2013: about 2/3). */
    decayTo: z.number().gt(0).max(1).default(2 / 3),
    /** The book's refill time. */
    resilience: duration.prefault('60s'),
  }),
  z.strictObject({ model: z.literal('none') }),
]);

/** Why the parent trades: an expected move in its direction over its horizon (venues/market/reference-shift.ts). */
const alphaModel = z.discriminatedUnion('model', [
  /** A move of ic x sigma over the horizon (Grinold & Kahn: alpha = volatility x IC x score). */
  z.strictObject({ model: z.literal('information'), ic: z.number().min(-1).max(1).default(0.1) }),
  z.strictObject({ model: z.literal('none') }),
]);

const intensityWindow = z.strictObject({ from: timePoint, to: timePoint, intensity: positive, aggression: positive.default(1) });

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
  /** HotSpot-style: slows by orders served, not time; k orders per e-fold (default puts 10% settling near 9,000 orders). */
  z.strictObject({ model: z.literal('jit'), coldMultiplier: positive.default(10), ordersPerEFold: positiveInt.default(2_000) }),
  z.strictObject({ model: z.literal('exponential-ramp'), coldMultiplier: positive.default(5), timeConstant: duration }),
  /** Barrett et al. (OOPSLA 2017): warms to a plateau above the warm level and stays there. */
  z.strictObject({ model: z.literal('plateau'), coldMultiplier: positive.default(5), plateauMultiplier: positive.default(1.5), timeConstant: duration }),
]);

/** A gateway the sessions name. Without a `pool` fronting it, a session's orders go straight to its FIX session. */
const gatewayNode = z.strictObject({ id });

const autoscaler = z.strictObject({
  metric: z.enum(['cpu', 'request-rate']).default('cpu'),
  /** CPU: utilisation 0..1; request-rate: orders per second per node. */
  target: positive.default(0.6),
  minReplicas: positiveInt.default(1),
  maxReplicas: positiveInt.default(10),
  syncPeriod: duration.prefault('15s'),
  tolerance: probability.default(0.1),
  scaleDownStabilization: duration.prefault('5m'),
});

/**
 * Seed 003's autoscaled pool in front of one gateway's sessions: every router message for those
 * sessions is queued and served by a pool node (service time x warm-up) before it reaches the FIX
 * session. Other desks' orders (`backgroundRatePerSec`, Poisson) share the nodes.
 */
const gatewayPool = z.strictObject({
  /** The gateway (in `gateways.nodes`) whose sessions the pool carries. */
  fronts: id,
  initialReplicas: positiveInt.default(2),
  serversPerNode: positiveInt.default(1),
  queueCapacity: positiveInt.default(100_000),
  serviceTime: latencyModel.prefault({ model: 'exponential', mean: '1ms' }),
  /** Router to the node's queue, and the node's refusals back. */
  inboundLatency: latencyModel.prefault({ model: 'lognormal', median: '20us', p99: '100us' }),
  /** Service done to the order handed to the FIX session. */
  wireLatency: latencyModel.prefault({ model: 'constant', value: '10us' }),
  bootTime: duration.prefault('20s'),
  platformToTradingReady: duration.prefault('5s'),
  warmup: warmup.prefault({ model: 'none' }),
  allocation: z.enum(['equal', 'canary', 'envoy-slow-start', 'haproxy-slow-start']).default('equal'),
  /** Envoy / HAProxy ramp window, and how long a canary stays one. */
  slowStartWindow: duration.prefault('1m'),
  canaryShare: probability.default(0.03),
  /** HAProxy slow start: orders in flight per node once ramped. */
  maxConnPerNode: positiveInt.default(100),
  /** Seed 003's mistake: route to nodes that pass readiness probes but whose venue sessions are not up. */
  routeOnPlatformReady: z.boolean().default(false),
  backgroundRatePerSec: z.number().nonnegative().default(0),
  autoscaler: autoscaler.optional(),
  /** Warm-confidence threshold on a node's warm-up progress (COLD_FLOW_SHARE). */
  coldProgressThreshold: probability.default(0.9),
  /** Trading-stable: mean warm-up multiplier within this relative band of steady (WARMUP_T95_SEC). */
  warmBand: positive.default(0.1),
  /** Window after a scale event in which p99 breaches count (TAIL_BREACH_AFTER_SCALE). */
  guardWindow: duration.prefault('60s'),
});

/**
 * Seed 004's CFE-style order server in front of one gateway's session: the router's orders go to the
 * server (which logs them and holds the exchange link) instead of a FIX session; the session's FIX
 * settings are then unused. Startup after a crash reads the log: `startupBase + startupPerRecord x
 * records`, the records being `earlierLogRecords` (the day's activity before the simulated window)
 * plus what the run wrote.
 */
const orderServer = z.strictObject({
  /** The gateway (in `gateways.nodes`) whose session goes through the order server. */
  fronts: id,
  startupBase: duration.prefault('2s'),
  /** Log read time per record (20 us reads a 10-million-record day in about 3.3 minutes). */
  startupPerRecord: duration.prefault('20us'),
  earlierLogRecords: nonNegativeInt.default(0),
  reconnectInterval: duration.prefault('1s'),
  /** Router to server and back, one way. */
  clientLatency: latencyModel.prefault({ model: 'lognormal', median: '100us', p99: '500us' }),
  /** Venue to server, per report. */
  reportLatency: latencyModel.prefault({ model: 'lognormal', median: '100us', p99: '500us' }),
  /** After a disk loss: until a person has called the exchange and it has cancelled the gateway's orders. */
  phoneDelay: latencyModel.prefault({ model: 'lognormal', median: '1m', p99: '5m' }),
});

/**
 * Seed 000's primary/backup gateway pair in front of one gateway's session: the router's orders pass
 * through the active node (inbound, queue, service) onto its venue-facing FIX session (the session's
 * `latency`, `heartbeat` and reconnect backoff), and its reports come back through it. A
 * `gateway-failover` fault kills the primary; the cluster controller detects it (heartbeats, and a
 * connection reset when the host survives), promotes the backup, which logs on by `design`, and
 * rebuilds the live set by `recovery` (venues/gateway/failover/README.md).
 */
const failoverPair = z.strictObject({
  /** The gateway (in `gateways.nodes`) whose session the pair carries. */
  fronts: id,
  /** `shared-store`: the backup resumes the primary's session from a shared store; `own-session`: it logs on as itself. */
  design: z.enum(['shared-store', 'own-session']).default('shared-store'),
  /** `status-requests`: an OrderStatusRequest per uncertain order at logon; `await-evidence`: replay and drop copy only. */
  recovery: z.enum(['status-requests', 'await-evidence']).default('status-requests'),
  /** Controller heartbeat from each node, and how many missed beats declare it dead. */
  controllerHeartbeat: duration.prefault('1s'),
  missedHeartbeats: positiveInt.default(3),
  /** A crashed process's host resets its sockets: the controller hears it after this. */
  resetNotice: latencyModel.prefault({ model: 'constant', value: '1ms' }),
  /** Detection to the backup starting its logon. */
  promotion: latencyModel.prefault({ model: 'constant', value: '100ms' }),
  /** State recovery gives up this long after the backup's logon. */
  recoveryDeadline: duration.prefault('30s'),
  serviceTime: latencyModel.prefault({ model: 'exponential', mean: '20us' }),
  /** Router to the node, and the node's relayed reports back. */
  inboundLatency: latencyModel.prefault({ model: 'lognormal', median: '50us', p99: '250us' }),
  /** The venue refuses a second connection for a session identity still open there after this. */
  refusalDelay: duration.prefault('1ms'),
  /**
   * Order records in the shared store when the backup takes over (the day's activity so far): the backup
   * reads them before it can tell which router order a venue report is about, holding reports until then.
   * The default, 100,000, is an assumption for a gateway at midday.
   */
  storeRecords: nonNegativeInt.default(100_000),
  /** Read time per store record: seed 004's order-log read rate (20 us reads a 10-million-record day in about 3.3 minutes). */
  storeReadPerRecord: duration.prefault('20us'),
});

const gateways = z
  .strictObject({
    nodes: z.array(gatewayNode).min(1).prefault([{ id: 'gw1' }]),
    pool: gatewayPool.optional(),
    orderServer: orderServer.optional(),
    failover: failoverPair.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.pool !== undefined && !value.nodes.some((node) => node.id === value.pool?.fronts)) {
      ctx.addIssue({ code: 'custom', path: ['pool', 'fronts'], message: `no gateway "${value.pool.fronts}" in gateways.nodes` });
    }
    const server = value.orderServer;
    if (server !== undefined && !value.nodes.some((node) => node.id === server.fronts)) {
      ctx.addIssue({ code: 'custom', path: ['orderServer', 'fronts'], message: `no gateway "${server.fronts}" in gateways.nodes` });
    }
    if (server !== undefined && value.pool?.fronts === server.fronts) {
      ctx.addIssue({ code: 'custom', path: ['orderServer', 'fronts'], message: `gateway "${server.fronts}" already has a pool in front of it` });
    }
    const pair = value.failover;
    if (pair !== undefined && !value.nodes.some((node) => node.id === pair.fronts)) {
      ctx.addIssue({ code: 'custom', path: ['failover', 'fronts'], message: `no gateway "${pair.fronts}" in gateways.nodes` });
    }
    if (pair !== undefined && (value.pool?.fronts === pair.fronts || server?.fronts === pair.fronts)) {
      ctx.addIssue({ code: 'custom', path: ['failover', 'fronts'], message: `gateway "${pair.fronts}" already has a pool or an order server in front of it` });
    }
  });

const schedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('twap') }),
  z.strictObject({ kind: z.literal('pov'), participation: probability }),
]);

const parent = z.strictObject({
  side: z.enum(['buy', 'sell']),
  qtyShares: positiveInt,
  start: timePoint.prefault('0s'),
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
    /**
     * How far ahead of the schedule passive quantity is kept resting: a schedule follower keeps a few
     * seconds of its schedule working, so an outage longer than that leaves it behind.
     */
    workingHorizon: duration.prefault('5s'),
    /** Price levels of the passive ladder, the touch included. */
    ladderLevels: positiveInt.default(3),
  })
  .prefault({});

export const scenarioSchema = z.strictObject({
  name: id,
  title: z.string().min(1),
  description: z.string().min(1),
  kind: z.enum(['synthetic', 'historical']),
  /** The playbook (design document, docs/playbooks/) this scenario exercises, 000..004; without one, its first fault's. */
  playbook: z.enum(['000', '001', '002', '003', '004']).optional(),
  sources: z.array(source).default([]),
  publicFacts: z.array(z.string()).default([]),
  assumptions: z.array(z.string()).default([]),
  phase: z.enum(['midday', 'open', 'close', 'auction']).default('midday'),
  /** The session clock time of scenario time 0 (default by phase: clock-times.ts). */
  timeZero: clockTime.optional(),
  /** Time after the parent's horizon for final reconciliation (invariants are checked then). */
  settle: duration.prefault('5s'),
  instrument: z
    .strictObject({ symbol: z.string().default('XYZ'), tickSize: positive.default(0.01), referencePriceTicks: positiveInt.default(10_000) })
    .prefault({}),
  market: z.strictObject({
    flow: z.discriminatedUnion('model', [cstFlow, lobsterFlow]),
    intensityWindows: z.array(intensityWindow).default([]),
    /** Default with an exogenous flow: resilient-square-root with its defaults; other flows have none. */
    impact: impactModel.optional(),
    /** Default with an exogenous flow: information with ic 0.1; other flows have none. */
    alpha: alphaModel.optional(),
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
}).superRefine((scenario, ctx) => {
  const flow = scenario.market.flow;
  const exogenous = flow.model === 'cst' && flow.mode === 'exogenous';
  for (const key of ['impact', 'alpha'] as const) {
    const model = scenario.market[key];
    if (!exogenous && model !== undefined && model.model !== 'none') {
      ctx.addIssue({ code: 'custom', path: ['market', key], message: `${key} acts on an exogenous tape; with this flow use { model: none } or leave it out` });
    }
  }
  const pool = scenario.gateways.pool;
  const server = scenario.gateways.orderServer;
  if (server !== undefined) {
    const fronted = scenario.sessions.filter((session) => session.gateway === server.fronts).length;
    if (fronted !== 1) ctx.addIssue({ code: 'custom', path: ['gateways', 'orderServer', 'fronts'], message: `expected exactly one session on gateway "${server.fronts}", found ${fronted}` });
  }
  const pair = scenario.gateways.failover;
  if (pair !== undefined) {
    const fronted = scenario.sessions.filter((session) => session.gateway === pair.fronts).length;
    if (fronted !== 1) ctx.addIssue({ code: 'custom', path: ['gateways', 'failover', 'fronts'], message: `expected exactly one session on gateway "${pair.fronts}", found ${fronted}` });
  }
  scenario.faults.forEach((f, i) => {
    if (f.kind === 'gateway-failover' && pair === undefined) {
      ctx.addIssue({ code: 'custom', path: ['faults', i, 'kind'], message: 'a gateway-failover fault needs a gateways.failover section' });
    }
    if ((f.kind === 'order-server-crash' || f.kind === 'order-server-disk-loss') && server === undefined) {
      ctx.addIssue({ code: 'custom', path: ['faults', i, 'kind'], message: `a ${f.kind} fault needs a gateways.orderServer section` });
    }
    if (f.kind !== 'load-spike' && f.kind !== 'gateway-crash' && f.kind !== 'gateway-cold-start') return;
    if (pool === undefined) ctx.addIssue({ code: 'custom', path: ['faults', i, 'kind'], message: `a ${f.kind} fault needs a gateways.pool section` });
    else if (f.kind === 'gateway-crash' && f.node !== undefined && !(f.node.startsWith(`${pool.fronts}-`) && /^[1-9][0-9]*$/.test(f.node.slice(pool.fronts.length + 1)))) {
      ctx.addIssue({ code: 'custom', path: ['faults', i, 'node'], message: `expected a pool node id such as ${pool.fronts}-1` });
    }
  });
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
