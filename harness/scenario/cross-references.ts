/**
 * What the schema cannot see field by field: references between sections (a session's gateway exists,
 * a fault names a session that exists, a pool fronts a gateway that exists), whole-scenario rules (a
 * fault begins before the parent's end, strata of fault times only with a random fault time, tail sampling only with a fault of probability below 1, a tick size prices can be written in, faults of one component
 * do not overlap, impact and alpha only with an exogenous flow), a LOBSTER file that parses (its own errors carry their line), and the limits
 * (limits.ts). It runs on whatever parts of the file parse, each section (and each session and fault)
 * on its own, so these problems are reported in the same pass as the schema's: a typo in one fault
 * hides nothing about the others. A check whose inputs do not parse is skipped, never guessed.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { formatDuration } from '../../sim/index.ts';
import { parseLobsterMessages } from '../../venues/flow/index.ts';
import { InputFileError, readInputFile } from '../io/input-file.ts';
import { fault as faultSchema, type FaultSpec } from './faults.ts';
import { faultOverlaps } from './fault-overlap.ts';
import { eventSources } from './event-estimate.ts';
import type { ScenarioIssue } from './issues.ts';
import { limitsBlock, resolveLimits, SCENARIO_LIMITS, type LimitName, type Limits } from './limits.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

type Shape = typeof scenarioSchema.shape;
type Part<K extends keyof Shape> = Scenario[K] | undefined;

/** Each section of a scenario that parses on its own; sessions and faults element by element. */
export interface ScenarioParts {
  sessions: (Scenario['sessions'][number] | undefined)[];
  faults: (FaultSpec | undefined)[];
  gateways: Part<'gateways'>;
  parent: Part<'parent'>;
  router: Part<'router'>;
  venue: Part<'venue'>;
  instrument: Part<'instrument'>;
  market: Part<'market'>;
  settle: Part<'settle'>;
  faultTimeStrata: Part<'faultTimeStrata'>;
  tailSampling: Part<'tailSampling'>;
  hasDropCopy: boolean;
  limits: Limits;
}

const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function partsOf(raw: Record<string, unknown>): ScenarioParts {
  const shape = scenarioSchema.shape;
  const part = <K extends keyof Shape>(key: K): Part<K> => {
    const parsed = shape[key].safeParse(raw[key]);
    return parsed.success ? (parsed.data as Scenario[K]) : undefined;
  };
  const limits = limitsBlock.safeParse(raw.limits ?? {});
  return {
    sessions: arrayOf(raw.sessions).map((session) => {
      const parsed = shape.sessions.element.safeParse(session);
      return parsed.success ? parsed.data : undefined;
    }),
    faults: arrayOf(raw.faults).map((fault) => {
      const parsed = faultSchema.safeParse(fault);
      return parsed.success ? parsed.data : undefined;
    }),
    gateways: part('gateways'),
    parent: part('parent'),
    router: part('router'),
    venue: part('venue'),
    instrument: part('instrument'),
    market: part('market'),
    settle: part('settle'),
    faultTimeStrata: part('faultTimeStrata'),
    tailSampling: part('tailSampling'),
    hasDropCopy: raw.dropCopy !== undefined,
    limits: resolveLimits(limits.success ? limits.data : undefined),
  };
}

/** The largest a LOBSTER message file may be (a busy stock's day is a few hundred MB). */
export const LOBSTER_FILE_BYTES_MAX = 256 * 1024 * 1024;
/** FIX prices are written as decimals; this many places is the most a venue's wire format carries. */
const PRICE_DECIMALS_MAX = 8;

const POOL_FAULTS = new Set(['load-spike', 'gateway-crash', 'gateway-cold-start']);
const at = (fault: FaultSpec) => (typeof fault.at === 'number' ? { first: fault.at, last: fault.at } : { first: fault.at.between[0], last: fault.at.between[1] });

function gatewayChecks(p: ScenarioParts, issue: (path: string, message: string) => void): void {
  const gateways = p.gateways;
  if (gateways === undefined) return;
  const ids = new Set<string>();
  gateways.nodes.forEach((node, i) => {
    if (ids.has(node.id)) issue(`gateways.nodes[${i}].id`, `duplicate gateway id "${node.id}"`);
    ids.add(node.id);
  });
  const fronted = (id: string) => p.sessions.filter((s) => s?.gateway === id).length;
  const fronts: [string, string | undefined][] = [
    ['pool', gateways.pool?.fronts],
    ['orderServer', gateways.orderServer?.fronts],
    ['failover', gateways.failover?.fronts],
  ];
  fronts.forEach(([section, id], k) => {
    if (id === undefined) return;
    if (!ids.has(id)) issue(`gateways.${section}.fronts`, `no gateway "${id}" in gateways.nodes`);
    const before = fronts.slice(0, k).find(([, other]) => other === id);
    if (before !== undefined) issue(`gateways.${section}.fronts`, `gateway "${id}" already has gateways.${before[0]} in front of it`);
    const count = fronted(id);
    if (section !== 'pool' && p.sessions.every((s) => s !== undefined) && count !== 1) issue(`gateways.${section}.fronts`, `expected exactly one session on gateway "${id}", found ${count}`);
  });
  p.sessions.forEach((session, i) => {
    if (session !== undefined && !ids.has(session.gateway)) issue(`sessions[${i}].gateway`, `no gateway "${session.gateway}" in gateways.nodes`);
  });
}

/** Strata of fault times need a fault time to stratify: set with none, the setting would silently do nothing. */
function strataChecks(p: ScenarioParts, issue: (path: string, message: string) => void): void {
  if (p.faultTimeStrata === undefined || p.faults.some((fault) => fault === undefined)) return;
  if (p.faults.every((fault) => typeof fault?.at === 'number')) {
    issue('faultTimeStrata', 'no fault has a random time (at: { between: [a, b] }), so there is nothing to stratify; expected such a fault, or no faultTimeStrata');
  }
}

/**
 * Tail sampling tilts the faults of probability between 0 and 1: set with none, it would silently do
 * nothing. With stratified fault times the comparison would need a stratified weighted bootstrap, which
 * does not exist: the two are refused together rather than one ignored.
 */
function tailSamplingChecks(p: ScenarioParts, issue: (path: string, message: string) => void): void {
  if (p.tailSampling === undefined) return;
  if (p.faultTimeStrata !== undefined && p.faultTimeStrata > 1) issue('tailSampling', 'not combined with faultTimeStrata: intervals either resample within strata or reweigh seeds, not both; expected one of them');
  if (p.faults.some((fault) => fault === undefined)) return;
  if (!p.faults.some((fault) => fault?.probability !== undefined && fault.probability > 0 && fault.probability < 1)) {
    issue('tailSampling', 'no fault has a probability between 0 and 1, so there is no occurrence to sample; expected such a fault, or no tailSampling');
  }
}

function faultChecks(p: ScenarioParts, issue: (path: string, message: string) => void): void {
  const sessionIds = new Set(p.sessions.flatMap((s) => (s === undefined ? [] : [s.id])));
  const sessionsKnown = p.sessions.every((s) => s !== undefined);
  const parentEndNs = p.parent === undefined ? undefined : p.parent.start + p.parent.horizon;
  const pool = p.gateways?.pool;
  let failovers = 0;
  p.faults.forEach((fault, i) => {
    if (fault === undefined) return;
    if (fault.kind === 'gateway-failover' && ++failovers > 1) issue(`faults[${i}].kind`, 'a failover pair fails over once (the backup failing in turn is not modelled): this second gateway-failover would be ignored');
    const { first, last } = at(fault);
    if (first > last) issue(`faults[${i}].at.between`, 'the first bound must not exceed the second');
    if (parentEndNs !== undefined && last >= parentEndNs) {
      issue(`faults[${i}].at`, `${formatDuration(last)} is at or after the parent's end (parent.start + parent.horizon = ${formatDuration(parentEndNs)}): the fault could not affect the order; expected a time before it`);
    }
    if ('session' in fault && sessionsKnown && !sessionIds.has(fault.session)) issue(`faults[${i}].session`, `no session "${fault.session}" in sessions`);
    if ((fault.kind === 'drop-copy-lag' || fault.kind === 'drop-copy-down') && !p.hasDropCopy) issue(`faults[${i}].kind`, 'a drop-copy fault needs a dropCopy section');
    if (p.gateways === undefined) return;
    if (fault.kind === 'gateway-failover' && p.gateways.failover === undefined) issue(`faults[${i}].kind`, 'a gateway-failover fault needs a gateways.failover section');
    if ((fault.kind === 'order-server-crash' || fault.kind === 'order-server-disk-loss') && p.gateways.orderServer === undefined) issue(`faults[${i}].kind`, `a ${fault.kind} fault needs a gateways.orderServer section`);
    if (POOL_FAULTS.has(fault.kind) && pool === undefined) issue(`faults[${i}].kind`, `a ${fault.kind} fault needs a gateways.pool section`);
    if (fault.kind === 'gateway-crash' && pool !== undefined && fault.node !== undefined && !(fault.node.startsWith(`${pool.fronts}-`) && /^[1-9][0-9]*$/.test(fault.node.slice(pool.fronts.length + 1)))) {
      issue(`faults[${i}].node`, `expected a pool node id such as ${pool.fronts}-1`);
    }
  });
}

/** Impact and alpha act on the exogenous tape (docs/MARKET-MODEL.md): another flow has neither. */
function marketChecks(p: ScenarioParts, issue: (path: string, message: string) => void): void {
  const market = p.market;
  if (market === undefined) return;
  const exogenous = market.flow.model === 'cst' && market.flow.mode === 'exogenous';
  for (const key of ['impact', 'alpha'] as const) {
    const model = market[key];
    if (!exogenous && model !== undefined && model.model !== 'none') issue(`market.${key}`, `${key} acts on an exogenous tape; with this flow use { model: none } or leave it out`);
  }
  // A bid that many ticks below the reference price would be at a price of 0 or less.
  const reference = p.instrument?.referencePriceTicks;
  if (market.flow.model === 'cst' && reference !== undefined && market.flow.maxDistanceTicks >= reference) {
    issue('market.flow.maxDistanceTicks', `${market.flow.maxDistanceTicks} ticks is not below instrument.referencePriceTicks (${reference}): orders that far from the best would be priced at 0 or less`);
  }
}

function instrumentChecks(p: ScenarioParts, issue: (path: string, message: string) => void): void {
  const tick = p.instrument?.tickSize;
  if (tick === undefined) return;
  const text = String(tick);
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (text.includes('e') || decimals > PRICE_DECIMALS_MAX) {
    issue('instrument.tickSize', `${text}: prices on the FIX wire carry at most ${PRICE_DECIMALS_MAX} decimal places; expected a tick size of at least 0.${'0'.repeat(PRICE_DECIMALS_MAX - 1)}1`);
  }
}

/** Checks the LOBSTER file a scenario replays; returns a hash of its content when it parses, for the scenario's hash. */
function lobsterChecks(file: string, p: ScenarioParts, issue: (path: string, message: string) => void): string | undefined {
  const flow = p.market?.flow;
  const tick = p.instrument?.tickSize;
  if (flow?.model !== 'lobster' || tick === undefined) return undefined;
  const tickPrice4 = tick * 10_000;
  if (Math.abs(tickPrice4 - Math.round(tickPrice4)) > 1e-9) {
    issue('instrument.tickSize', `${tick}: LOBSTER prices are in units of 0.0001; expected a tick size that is a whole number of them`);
    return undefined;
  }
  const path = resolve(dirname(file), flow.file);
  let text: string;
  try {
    text = readInputFile(path, { what: 'LOBSTER message file', maxBytes: LOBSTER_FILE_BYTES_MAX });
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    issue('market.flow.file', error.message);
    return undefined;
  }
  const parsed = parseLobsterMessages(text, flow.file, Math.round(tickPrice4));
  if (!parsed.ok) for (const e of parsed.errors) issue('market.flow.file', `${path}:${e.line}: ${e.field}: ${e.message}`);
  return createHash('sha256').update(text).digest('hex');
}

function limitChecks(p: ScenarioParts, counts: { sessions: number; nodes: number; faults: number }, issue: (path: string, message: string) => void): void {
  const limits = p.limits;
  const over = (path: string, name: LimitName, value: number, shown: string) => {
    if (value <= limits[name]) return;
    const spec = SCENARIO_LIMITS[name];
    const limit = name === 'runLength' ? formatDuration(limits[name]) : `${limits[name]} ${spec.unit}`;
    issue(path, `${shown} is over the limit of ${limit} (${spec.description}); raise limits.${name} if the scenario truly needs it`);
  };
  over('faults', 'faults', counts.faults, `${counts.faults} faults`);
  over('sessions', 'sessions', counts.sessions, `${counts.sessions} sessions`);
  over('gateways.nodes', 'sessions', counts.nodes, `${counts.nodes} gateway nodes`);
  if (p.parent !== undefined && p.settle !== undefined) {
    const runNs = p.parent.start + p.parent.horizon + p.settle;
    over('parent.horizon', 'runLength', runNs, `a run of ${formatDuration(runNs)}`);
  }
  if (p.parent !== undefined) over('parent.qtyShares', 'qtyShares', p.parent.qtyShares, String(p.parent.qtyShares));
  if (p.parent !== undefined && p.router !== undefined) {
    over('router.minChildQtyShares', 'childOrders', p.parent.qtyShares / p.router.minChildQtyShares, `${p.parent.qtyShares} / ${p.router.minChildQtyShares} = ${Math.ceil(p.parent.qtyShares / p.router.minChildQtyShares)} children`);
  }
  if (p.market?.flow.model === 'cst') {
    const windows = Math.max(1, ...p.market.intensityWindows.map((w) => w.intensity));
    over('market.flow.intensity', 'flowIntensity', p.market.flow.intensity * windows, `an intensity of ${p.market.flow.intensity * windows}`);
  }
  const pool = p.gateways?.pool;
  if (pool !== undefined) {
    over('gateways.pool.backgroundRatePerSec', 'ordersPerSec', pool.backgroundRatePerSec, `${pool.backgroundRatePerSec} orders/s`);
    over('gateways.pool.initialReplicas', 'poolNodes', pool.initialReplicas, `${pool.initialReplicas} nodes`);
    if (pool.autoscaler !== undefined) over('gateways.pool.autoscaler.maxReplicas', 'poolNodes', pool.autoscaler.maxReplicas, `${pool.autoscaler.maxReplicas} nodes`);
  }
  if (p.gateways?.orderServer !== undefined) over('gateways.orderServer.earlierLogRecords', 'messages', p.gateways.orderServer.earlierLogRecords, `${p.gateways.orderServer.earlierLogRecords} records`);
  p.faults.forEach((fault, i) => {
    if (fault?.kind === 'load-spike') over(`faults[${i}].ratePerSec`, 'ordersPerSec', fault.ratePerSec, `${fault.ratePerSec} orders/s`);
    if (fault?.kind === 'gateway-cold-start') over(`faults[${i}].count`, 'poolNodes', fault.count, `${fault.count} nodes`);
    if (fault?.kind === 'sequencer-lagging-backup') over(`faults[${i}].lagMessages`, 'messages', fault.lagMessages, `${fault.lagMessages} messages`);
  });
  const sources = eventSources(p);
  const total = sources.reduce((sum, source) => sum + source.events, 0);
  if (total > limits.eventsPerRun) {
    const biggest = [...sources].sort((a, b) => b.events - a.events)[0];
    const shown = (n: number) => (Number.isFinite(n) ? n.toExponential(1) : 'endless');
    issue(biggest.path, `one run would take about ${shown(total)} events, over the limit of ${limits.eventsPerRun} (limits.eventsPerRun); most of them from ${biggest.what} (${shown(biggest.events)})`);
  }
}

/**
 * Every cross-reference, whole-scenario and limit problem of the parts that parse; and the hash of the
 * content of the files the scenario reads (its LOBSTER file), which belongs in the scenario's hash.
 */
export function crossReferences(file: string, raw: Record<string, unknown>, p: ScenarioParts): { issues: Omit<ScenarioIssue, 'line' | 'column'>[]; readsDigest: string | undefined } {
  const issues: Omit<ScenarioIssue, 'line' | 'column'>[] = [];
  const issue = (path: string, message: string) => issues.push({ file, path, message });
  const sessionIds = new Set<string>();
  p.sessions.forEach((session, i) => {
    if (session === undefined) return;
    if (sessionIds.has(session.id)) issue(`sessions[${i}].id`, `duplicate session id "${session.id}"`);
    sessionIds.add(session.id);
  });
  gatewayChecks(p, issue);
  faultChecks(p, issue);
  strataChecks(p, issue);
  tailSamplingChecks(p, issue);
  const faults = p.faults.flatMap((fault, index) => (fault === undefined ? [] : [{ fault, index }]));
  for (const overlap of faultOverlaps(faults)) issue(`faults[${overlap.index}].at`, overlap.message);
  p.market?.intensityWindows.forEach((window, i) => {
    if (window.from >= window.to) issue(`market.intensityWindows[${i}]`, '"from" must be before "to"');
  });
  if (p.parent?.horizon === 0) issue('parent.horizon', 'the horizon must be longer than zero');
  instrumentChecks(p, issue);
  marketChecks(p, issue);
  const readsDigest = lobsterChecks(file, p, issue);
  const counts = { sessions: arrayOf(raw.sessions).length, nodes: arrayOf((raw.gateways as { nodes?: unknown } | undefined)?.nodes).length, faults: arrayOf(raw.faults).length };
  limitChecks(p, counts, issue);
  return { issues, readsDigest };
}
