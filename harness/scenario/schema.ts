/**
 * The scenario file's schema: one source for validation (every error at once, each with its path),
 * for the resolved configuration's types, and for the JSON Schema shipped to editors
 * (`scenarios/scenario.schema.json`, written by `npm run schema`). Unknown keys are errors, so a
 * typo is caught rather than silently ignored. Defaults make a short file a complete scenario.
 * Rules between fields and sections (references, limits) are not refinements here, which zod runs
 * only once everything else parses: they are cross-references.ts, run in the same pass.
 */
import { z } from 'zod';
import { fault } from './faults.ts';
import { limitsBlock } from './limits.ts';
import { clockTime, duration, latencyModel, nonNegativeInt, positive, positiveInt, probability, timePoint } from './primitives.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected a lower-case id (letters, digits, . _ -)' });

const source = z
  .strictObject({
    title: z.string().min(1).describe('Title of the report, paper or notice the scenario draws on.'),
    url: z.string().url().optional().describe('Where to read it.'),
    note: z.string().optional().describe('What the scenario takes from it.'),
  })
  .describe('A public source the scenario is built from.');

const cstFlow = z
  .strictObject({
    model: z.literal('cst').describe('Cont-Stoikov-Talreja (2010) zero-intelligence order flow; the defaults are their fitted parameters.'),
    k: positive.default(1.92).describe('Limit-order arrival rate scale: k / i^alpha orders per time unit at i ticks from the opposite best.'),
    alpha: positive.default(0.52).describe('Decay of limit-order arrivals with distance from the opposite best (the alpha of k / i^alpha).'),
    mu: positive.default(0.94).describe('Market-order arrival rate per time unit, each side.'),
    theta: z.array(positive).min(1).default([0.71, 0.81, 0.68, 0.56, 0.47]).describe('Cancellation rate per resting order per time unit, by distance from the opposite best (1, 2, ... ticks).'),
    timeUnit: duration.prefault('1s').describe('How much simulated time one of the model\'s time units is; the rates above are per unit.'),
    intensity: positive.default(1).describe('Multiplier on every rate of the flow (2 is a market twice as busy).'),
    orderSizeShares: positiveInt.default(100).describe('Size of each background order, shares.'),
    maxDistanceTicks: positiveInt.default(5).describe('Furthest from the opposite best a background limit order is placed, ticks (the length theta is read to).'),
    mode: z
      .enum(['exogenous', 'endogenous'])
      .default('exogenous')
      .describe(
        "exogenous: the flow is drawn once per seed as a tape and replayed into every run of that seed, shifted by our impact and the parent's alpha (runs then share one market: docs/MARKET-MODEL.md); endogenous: the flow reacts to the live book, so one different order of ours sends the runs' markets apart.",
      ),
  })
  .describe('Synthetic background flow (Cont, Stoikov and Talreja 2010).');

const lobsterFlow = z
  .strictObject({
    model: z.literal('lobster').describe('Replay of a LOBSTER message file (lobsterdata.com): the historical flow, order by order.'),
    file: z.string().min(1).describe('The LOBSTER message file (CSV), relative to this scenario file; parsed at validate.'),
  })
  .describe('Historical background flow from a LOBSTER message file.');

/** How our trades move the exogenous market (venues/market/resilient-square-root-impact.ts). */
const impactModel = z
  .discriminatedUnion('model', [
    z.strictObject({
      model: z.literal('resilient-square-root').describe('Square-root impact of the volume our trades displace in a book that refills (Alfonsi, Fruth & Schied 2010), calibrated to the flow.'),
      y: positive.default(1).describe('Y of the square-root law I = Y sigma sqrt(Q / V) at the end of a TWAP of the parent (Toth et al. 2011: of order 1).'),
      decayTo: z.number().gt(0).max(1).default(2 / 3).describe('Impact left once the book has refilled, as a share of the peak (Bershova & Rakhlin 2013: about 2/3).'),
      resilience: duration.prefault('60s').describe("The book's refill time: the transient part of our impact decays with it."),
    }),
    z.strictObject({ model: z.literal('none').describe('Our trades move the market only through the book itself.') }),
  ])
  .describe('How our trades move the exogenous market. Default with an exogenous flow: resilient-square-root; other flows have none.');

/** Why the parent trades: an expected move in its direction over its horizon (venues/market/reference-shift.ts). */
const alphaModel = z
  .discriminatedUnion('model', [
    z.strictObject({
      model: z.literal('information').describe('A move of ic x sigma over the horizon, realised linearly (Grinold & Kahn: alpha = volatility x IC x score).'),
      ic: z.number().min(-1).max(1).default(0.1).describe('The information coefficient (typical managers: 0.05 to 0.15).'),
    }),
    z.strictObject({ model: z.literal('none').describe('No expected move: delay costs nothing by itself.') }),
  ])
  .describe("The parent's alpha: an expected move in its direction over its horizon. Default with an exogenous flow: information with ic 0.1; other flows have none.");

const intensityWindow = z
  .strictObject({
    from: timePoint.describe("Start of the window: an offset from the scenario's time zero, or a clock time."),
    to: timePoint.describe("End of the window: an offset from the scenario's time zero, or a clock time."),
    intensity: positive.describe('Multiplier on the flow\'s rates inside the window (on top of market.flow.intensity).'),
    aggression: positive.default(1).describe('Further multiplier on the market-order rate alone inside the window: above 1, more liquidity taken than offered.'),
  })
  .describe('A stretch of time in which the background flow is busier or quieter.');

const sequencer = z
  .strictObject({
    serviceTime: latencyModel.prefault({ model: 'exponential', mean: '5us' }).describe('Time the matching engine\'s sequencer takes per input message.'),
    replayRateMsgsPerSec: positive.default(20_000).describe('How fast a promoted backup sequencer replays its backlog, messages per second.'),
    interleave: z.enum(['backlog-first', 'live-first', 'weighted']).default('weighted').describe('During a replay, which goes first: the backlog, live input, or both by interleaveWeight.'),
    interleaveWeight: positiveInt.default(4).describe('With interleave weighted: backlog messages replayed per live message.'),
    duringTransition: z.enum(['queue', 'reject']).default('queue').describe('What the venue does with orders arriving while the sequencer fails over: hold them, or reject them.'),
    heartbeatInterval: duration.prefault('100ms').describe('Interval of the sequencer\'s heartbeats; a silence of 1.5 intervals is an anomaly an observer sees.'),
  })
  .describe('The venue\'s sequencer and its failover (playbook 001).');

const feed = z
  .strictObject({
    latency: latencyModel.prefault({ model: 'lognormal', median: '50us', p99: '250us' }).describe('Market-data latency from the venue to the router\'s feed receiver, one way.'),
    recovery: z.enum(['retransmit', 'snapshot', 'retransmit-or-snapshot']).default('retransmit-or-snapshot').describe('How the receiver recovers a gap: retransmission requests, a snapshot, or retransmission for small gaps and a snapshot for large ones.'),
    snapshotAboveMessages: positiveInt.default(500).describe('With retransmit-or-snapshot: gaps larger than this many messages go to a snapshot.'),
    maxMessagesPerRequest: positiveInt.default(100).describe('Most messages one retransmission request may ask for.'),
    requestsPerSec: positive.default(100).describe('Retransmission requests the venue answers per second.'),
    heartbeatInterval: duration.prefault('100ms').describe('Interval of the feed\'s heartbeats, by which a receiver notices a silent gap.'),
  })
  .describe('The venue\'s market-data feed and its gap recovery.');

const session = z
  .strictObject({
    id: id.describe('The session\'s id, which faults name (session: s1).'),
    gateway: id.describe('The gateway (in gateways.nodes) the session goes through.'),
    beginString: z.enum(['FIX.4.2', 'FIX.4.4']).default('FIX.4.4').describe('FIX version of the session (BeginString, tag 8).'),
    heartbeat: duration.prefault('1s').describe('Heartbeat interval (HeartBtInt, tag 108): a silent peer is tested after it and dropped after about twice it.'),
    persistMessages: z.boolean().default(true).describe('Whether each side stores what it sends (QuickFIX PersistMessages): without a store, resends can only be answered by GapFill.'),
    resendChunkSize: nonNegativeInt.default(0).describe('Most messages per ResendRequest (QuickFIX ResendRequestChunkSize); 0 asks for everything at once.'),
    latency: latencyModel.prefault({ model: 'lognormal', median: '100us', p99: '500us' }).describe('Network latency between the router (or its gateway) and the venue, one way.'),
    reconnectInitial: duration.prefault('500ms').describe('First wait before reconnecting after a disconnect; it doubles up to reconnectMax.'),
    reconnectMax: duration.prefault('8s').describe('Longest wait between reconnect attempts.'),
  })
  .describe('An order-entry FIX session between the router and the venue.');

const dropCopy = z
  .strictObject({
    latency: latencyModel.prefault({ model: 'lognormal', median: '2ms', p99: '10ms' }).describe('Latency of a drop-copy report after the venue\'s execution, one way.'),
    afterOutage: z.enum(['resend', 'lose']).default('resend').describe('After a drop-copy outage: resend what was missed, or lose it.'),
  })
  .describe('The venue\'s drop copy: a second, independent stream of the router\'s executions (playbook 000).');

const coldMultiplier = (byDefault: number) => positive.default(byDefault).describe('Service-time multiplier of a node that has just become trading-ready.');
const warmup = z
  .discriminatedUnion('model', [
    z.strictObject({ model: z.literal('none').describe('Nodes serve at full speed from the start.') }),
    z.strictObject({
      model: z.literal('jit').describe('HotSpot-style: a node speeds up with orders served, not with time.'),
      coldMultiplier: coldMultiplier(10),
      ordersPerEFold: positiveInt.default(2_000).describe('Orders served per e-fold of the slowdown (the default settles to within 10% near 9,000 orders).'),
    }),
    z.strictObject({
      model: z.literal('exponential-ramp').describe('A node speeds up exponentially with time since it became trading-ready.'),
      coldMultiplier: coldMultiplier(5),
      timeConstant: duration.describe('Time for the slowdown to fall by a factor e.'),
    }),
    z.strictObject({
      model: z.literal('plateau').describe('Barrett et al. (OOPSLA 2017): a node warms to a plateau above the warm level and stays there.'),
      coldMultiplier: coldMultiplier(5),
      plateauMultiplier: positive.default(1.5).describe('Service-time multiplier the node settles at.'),
      timeConstant: duration.describe('Time for the slowdown above the plateau to fall by a factor e.'),
    }),
  ])
  .describe('How a new pool node\'s service time falls from cold to warm (playbook 003).');

/** A gateway the sessions name. Without a `pool` fronting it, a session's orders go straight to its FIX session. */
const gatewayNode = z.strictObject({ id: id.describe('The gateway\'s id, which sessions name in their gateway.') }).describe('A gateway the order-entry sessions go through.');

const autoscaler = z
  .strictObject({
    metric: z.enum(['cpu', 'request-rate']).default('cpu').describe('What the autoscaler scales on, as a Kubernetes HPA does: CPU utilisation or orders per second per node.'),
    target: positive.default(0.6).describe('The metric\'s target per node: utilisation 0..1 for cpu, orders per second for request-rate.'),
    minReplicas: positiveInt.default(1).describe('Fewest nodes the autoscaler keeps.'),
    maxReplicas: positiveInt.default(10).describe('Most nodes the autoscaler starts.'),
    syncPeriod: duration.prefault('15s').describe('How often the autoscaler reads the metric and decides.'),
    tolerance: probability.default(0.1).describe('Relative distance from the target within which the autoscaler does nothing.'),
    scaleDownStabilization: duration.prefault('5m').describe('How long the autoscaler waits before removing nodes.'),
  })
  .describe('A Kubernetes-HPA-like autoscaler of the pool.');

/**
 * Playbook 003's autoscaled pool in front of one gateway's sessions: every router message for those
 * sessions is queued and served by a pool node (service time x warm-up) before it reaches the FIX
 * session. Other desks' orders (`backgroundRatePerSec`, Poisson) share the nodes.
 */
const gatewayPool = z
  .strictObject({
    fronts: id.describe('The gateway (in gateways.nodes) whose sessions the pool carries.'),
    initialReplicas: positiveInt.default(2).describe('Nodes serving (warm) at the start.'),
    serversPerNode: positiveInt.default(1).describe('Orders one node serves at a time.'),
    queueCapacity: positiveInt.default(100_000).describe('Most orders a node holds queued; beyond it the node refuses.'),
    serviceTime: latencyModel.prefault({ model: 'exponential', mean: '1ms' }).describe('Time a warm node takes to serve one order.'),
    inboundLatency: latencyModel.prefault({ model: 'lognormal', median: '20us', p99: '100us' }).describe('Router to the node\'s queue, and the node\'s refusals back.'),
    wireLatency: latencyModel.prefault({ model: 'constant', value: '10us' }).describe('From a node\'s service done to the order handed to the FIX session.'),
    bootTime: duration.prefault('20s').describe('From a node\'s start to its platform readiness (the readiness probe passes).'),
    platformToTradingReady: duration.prefault('5s').describe('From platform readiness to trading readiness (its venue sessions logged on).'),
    warmup: warmup.prefault({ model: 'none' }),
    allocation: z.enum(['equal', 'canary', 'envoy-slow-start', 'haproxy-slow-start']).default('equal').describe('How flow is split over trading-ready nodes: equally, a canary share for new nodes, or Envoy\'s or HAProxy\'s slow-start ramp.'),
    slowStartWindow: duration.prefault('1m').describe('The Envoy or HAProxy ramp window, and how long a canary stays one.'),
    canaryShare: probability.default(0.03).describe('With allocation canary: the share of flow a new node gets.'),
    maxConnPerNode: positiveInt.default(100).describe('HAProxy slow start: orders in flight per node once ramped.'),
    routeOnPlatformReady: z.boolean().default(false).describe('Playbook 003\'s mistake: route to nodes that pass readiness probes before their venue sessions are up.'),
    backgroundRatePerSec: z.number().nonnegative().default(0).describe('Other desks\' orders through the pool, per second (Poisson).'),
    autoscaler: autoscaler.optional(),
    coldProgressThreshold: probability.default(0.9).describe('Warm-up progress below which a node counts as cold (COLD_FLOW_SHARE).'),
    warmBand: positive.default(0.1).describe('Trading-stable: a node\'s mean warm-up multiplier within this relative band of steady (WARMUP_T95_SEC).'),
    guardWindow: duration.prefault('60s').describe('Window after a scale event in which p99 latency breaches count (TAIL_BREACH_AFTER_SCALE).'),
  })
  .describe('Playbook 003\'s autoscaled gateway pool in front of one gateway\'s sessions.');

/**
 * Playbook 004's CFE-style order server in front of one gateway's session: the router's orders go to the
 * server (which logs them and holds the exchange link) instead of a FIX session; the session's FIX
 * settings are then unused. Startup after a crash reads the log: `startupBase + startupPerRecord x
 * records`, the records being `earlierLogRecords` (the day's activity before the simulated window)
 * plus what the run wrote.
 */
const orderServer = z
  .strictObject({
    fronts: id.describe('The gateway (in gateways.nodes) whose session goes through the order server.'),
    startupBase: duration.prefault('2s').describe('Startup time of the server before it reads its log.'),
    startupPerRecord: duration.prefault('20us').describe('Log read time per record (20us reads a 10-million-record day in about 3.3 minutes).'),
    earlierLogRecords: nonNegativeInt.default(0).describe('Records in the day\'s log from before the simulated window, read at every restart.'),
    reconnectInterval: duration.prefault('1s').describe('How often the router retries its connection to a server that is down.'),
    clientLatency: latencyModel.prefault({ model: 'lognormal', median: '100us', p99: '500us' }).describe('Router to server and back, one way.'),
    reportLatency: latencyModel.prefault({ model: 'lognormal', median: '100us', p99: '500us' }).describe('Venue to server, per report.'),
    phoneDelay: latencyModel.prefault({ model: 'lognormal', median: '1m', p99: '5m' }).describe('After a disk loss: until a person has called the exchange and it has cancelled the gateway\'s orders.'),
  })
  .describe('Playbook 004\'s order server (CFE-style) in front of one gateway\'s session.');

/**
 * Playbook 000's primary/backup gateway pair in front of one gateway's session: the router's orders pass
 * through the active node (inbound, queue, service) onto its venue-facing FIX session (the session's
 * `latency`, `heartbeat` and reconnect backoff), and its reports come back through it. A
 * `gateway-failover` fault kills the primary; the cluster controller detects it (heartbeats, and a
 * connection reset when the host survives), promotes the backup, which logs on by `design`, and
 * rebuilds the live set by `recovery` (venues/gateway/failover/README.md).
 */
const failoverPair = z
  .strictObject({
    fronts: id.describe('The gateway (in gateways.nodes) whose session the pair carries.'),
    design: z.enum(['shared-store', 'own-session']).default('shared-store').describe('shared-store: the backup resumes the primary\'s session from a shared store; own-session: it logs on as itself.'),
    recovery: z.enum(['status-requests', 'await-evidence']).default('status-requests').describe('status-requests: an OrderStatusRequest per uncertain order at logon; await-evidence: replay and drop copy only.'),
    controllerHeartbeat: duration.prefault('1s').describe('Interval of each node\'s heartbeat to the cluster controller.'),
    missedHeartbeats: positiveInt.default(3).describe('Missed controller heartbeats that declare a node dead.'),
    resetNotice: latencyModel.prefault({ model: 'constant', value: '1ms' }).describe('A crashed process\'s host resets its sockets: the controller hears it after this.'),
    promotion: latencyModel.prefault({ model: 'constant', value: '100ms' }).describe('From the detection to the backup starting its logon.'),
    recoveryDeadline: duration.prefault('30s').describe('State recovery gives up this long after the backup\'s logon.'),
    serviceTime: latencyModel.prefault({ model: 'exponential', mean: '20us' }).describe('Time the active node takes to serve one request.'),
    inboundLatency: latencyModel.prefault({ model: 'lognormal', median: '50us', p99: '250us' }).describe('Router to the node, and the node\'s relayed reports back.'),
    refusalDelay: duration.prefault('1ms').describe('The venue refuses a second connection for a session identity still open there after this.'),
    storeRecords: nonNegativeInt
      .default(100_000)
      .describe(
        "Order records in the shared store when the backup takes over (the day's activity so far): the backup reads them before it can tell which router order a venue report is about, and holds the reports until then. 100,000 is an assumption for a gateway at midday.",
      ),
    storeReadPerRecord: duration.prefault('20us').describe("Read time per store record: playbook 004's order-log read rate (20 us reads a 10-million-record day in about 3.3 minutes)."),
  })
  .describe('Playbook 000\'s primary/backup gateway pair in front of one gateway\'s session.');

const gateways = z
  .strictObject({
    nodes: z.array(gatewayNode).min(1).prefault([{ id: 'gw1' }]).describe('The gateways the sessions go through (default: one, gw1).'),
    pool: gatewayPool.optional(),
    orderServer: orderServer.optional(),
    failover: failoverPair.optional(),
  })
  .describe('The gateways between the router and the venue, and what stands in front of them.');

const schedule = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('twap').describe('Time-weighted: equal quantity in equal time over the horizon.') }),
    z.strictObject({
      kind: z.literal('pov').describe('Percentage of volume: a share of the volume the feed shows trading.'),
      participation: probability.describe('The share of traded volume to follow, 0..1.'),
    }),
  ])
  .describe('The schedule the parent follows.');

const parent = z
  .strictObject({
    side: z.enum(['buy', 'sell']).describe('Whether the parent buys or sells.'),
    qtyShares: positiveInt.describe('The parent order\'s quantity, shares.'),
    start: timePoint.prefault('0s').describe("When the parent starts: an offset from the scenario's time zero, or a clock time."),
    horizon: duration.describe('How long the parent works, from its start.'),
    schedule: schedule.prefault({ kind: 'twap' }),
    mustComplete: z.boolean().default(false).describe('Whether the residual is swept at the horizon by a forced clean-up, instead of charged at the horizon mid.'),
  })
  .describe('The parent order the router executes.');

const router = z
  .strictObject({
    decisionInterval: duration.prefault('250ms').describe('How often the policy decides.'),
    minChildQtyShares: positiveInt.default(100).describe('Smallest child order the router sends, shares.'),
    repriceTicks: positiveInt.default(2).describe('A passive child this many ticks behind its ladder level is replaced at the new price.'),
    statusRequestInterval: duration.prefault('1s').describe('Least time between two OrderStatusRequests for one child of unknown state.'),
    cleanupSweepTicks: nonNegativeInt.default(10).describe('How far through the far touch the forced clean-up of a must-complete parent sweeps, ticks.'),
    workingHorizon: duration
      .prefault('5s')
      .describe('How far ahead of the schedule passive quantity is kept resting: a schedule follower keeps a few seconds of its schedule working, so an outage longer than that leaves it behind.'),
    ladderLevels: positiveInt.default(3).describe('Price levels of the passive ladder, the touch included.'),
  })
  .prefault({})
  .describe('The router\'s mechanics; the policy sets the knobs.');

/** The most strata a fault time's window may be cut into (harness/world/fault-time-strata.ts): a block of more seeds outgrows the seed counts a drill judges at. */
export const FAULT_TIME_STRATA_MAX = 64;

/** Importance sampling of fault occurrence (harness/world/tail-sampling.ts). */
const tailSampling = z
  .strictObject({
    occurrence: z
      .number()
      .gt(0, { error: 'expected a proposal probability above 0: a fault that never occurs under it cannot be weighted back' })
      .lt(1, { error: 'expected a proposal probability below 1: a fault that always occurs under it leaves its absence unseen' })
      .describe('The probability with which every fault of probability strictly between 0 and 1 is drawn to occur instead of its own (0 < q < 1).'),
  })
  .optional()
  .describe(
    'Importance sampling of fault occurrence, for the tail columns (p99, CVaR95): each fault of probability p (0 < p < 1) occurs with probability `occurrence` instead, by the same per-seed draw, and each record carries its likelihood-ratio weight (the product of p/q where the fault occurred and (1-p)/(1-q) where it did not), by which comparisons estimate the scenario\'s own distribution. Needs a fault of probability below 1; not combined with faultTimeStrata. Default: none, every fault drawn with its own probability.',
  );

export const scenarioSchema = z.strictObject({
  name: id.describe('The scenario\'s id (lower case), as records and reports name it.'),
  title: z.string().min(1).describe('A one-line title.'),
  description: z.string().min(1).describe('What happens in the scenario and why it matters.'),
  kind: z.enum(['synthetic', 'historical']).describe('synthetic: an incident made up to exercise a playbook; historical: a reconstruction of a published incident.'),
  playbook: z.enum(['000', '001', '002', '003', '004']).optional().describe("The playbook (design document, docs/playbooks/) this scenario exercises, 000..004; without one, its first fault's kind picks it."),
  sources: z.array(source).default([]).describe('Public sources the scenario is built from.'),
  publicFacts: z.array(z.string()).default([]).describe('Facts the sources state, that the scenario reproduces.'),
  assumptions: z.array(z.string()).default([]).describe('What the scenario assumes where the sources are silent.'),
  phase: z.enum(['midday', 'open', 'close', 'auction']).default('midday').describe('The phase of the trading day the scenario is set in.'),
  timeZero: clockTime.optional().describe("The session clock time of scenario time 0 (HH:MM:SS); by default it follows the phase (docs/README.md, One clock)."),
  settle: duration.prefault('5s').describe('Time after the parent\'s horizon for final reconciliation (invariants are checked then).'),
  instrument: z
    .strictObject({
      symbol: z.string().default('XYZ').describe('The symbol on the FIX messages.'),
      tickSize: positive.default(0.01).describe('Price increment, in price units (0.01: one cent); at most 8 decimal places.'),
      referencePriceTicks: positiveInt.default(10_000).describe('The price the book starts around, in ticks.'),
    })
    .prefault({})
    .describe('The instrument traded.'),
  market: z
    .strictObject({
      flow: z.discriminatedUnion('model', [cstFlow, lobsterFlow]).describe('The background order flow: synthetic (cst) or historical (lobster).'),
      intensityWindows: z.array(intensityWindow).default([]).describe('Stretches of time in which the flow is busier or quieter.'),
      impact: impactModel.optional(),
      alpha: alphaModel.optional(),
    })
    .describe('The market the parent trades in.'),
  venue: z
    .strictObject({
      sequencer: sequencer.prefault({}),
      feed: feed.prefault({}),
      cancelOnDisconnect: z.boolean().default(false).describe('Whether the venue cancels a session\'s working orders when it disconnects.'),
      cancelOnDisconnectDelay: duration.prefault('0ns').describe('With cancelOnDisconnect: how long after the disconnect the orders are cancelled.'),
    })
    .prefault({})
    .describe('The venue: matching, sequencer and market-data feed.'),
  sessions: z.array(session).min(1).describe('The router\'s order-entry FIX sessions.'),
  dropCopy: dropCopy.optional(),
  gateways: gateways.prefault({}),
  parent,
  router,
  faults: z.array(fault).default([]).describe('The incident: what fails, and when.'),
  faultTimeStrata: positiveInt
    .max(FAULT_TIME_STRATA_MAX, { error: `expected at most ${FAULT_TIME_STRATA_MAX} strata` })
    .optional()
    .describe(
      'Stratified fault times: cut each random fault time\'s window (at: { between: [a, b] }) into this many equal strata; seeds in consecutive blocks of this many (1..K, K+1..2K, ...) each take a distinct stratum, by a seeded permutation per block and fault, so every block covers every stratum once, and comparisons resample within strata. Default 1: plain uniform draws.',
    ),
  tailSampling,
  limits: limitsBlock.optional(),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
