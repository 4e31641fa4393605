/**
 * A scenario's session faults as the chaos proxy applies them to a real session, in ms from the moment the
 * first Logon passes through it. The scenario's world maps onto the proxy's: the router is the initiator
 * (the client that connects to the proxy), the venue the acceptor (the upstream); `to-venue` is towards the
 * acceptor, `to-router` towards the initiator. Times drawn per seed (`between`) and included per seed
 * (`probability`) resolve as an episode resolves them (resolve-faults.ts), so a proxy run and an episode of
 * the same scenario and seed see the same fault times. Faults a proxy cannot apply (an engine's store, a
 * resend storm inside an engine, the venue's sequencer, gateways) are listed as not applied, with why.
 */
import { NS_PER_MS, RandomStreams } from '../../sim/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { faultTimeStrataOf } from '../world/fault-time-strata.ts';
import { resolveFaults, type ResolvedFault } from '../world/resolve-faults.ts';
import { proposalFaults } from '../world/tail-sampling.ts';

export type Direction = 'to-acceptor' | 'to-initiator';

interface Timed {
  /** The scenario's index of the fault (faults[i]). */
  index: number;
  atMs: number;
  endMs: number;
}
interface Matching {
  directions: Direction[];
  msgTypes: ReadonlySet<string> | undefined;
  maxMessages: number | undefined;
}

export type ProxyFault =
  | (Timed & { kind: 'disconnect' })
  | (Timed & Matching & { kind: 'loss'; probability: number })
  | (Timed & { kind: 'delay'; directions: Direction[]; extraMs: number; jitterMs: number })
  | (Timed & Matching & { kind: 'duplicate'; possDup: boolean; probability: number })
  | (Timed & Matching & { kind: 'reorder' })
  /** `from`: the direction the jumping side sends in. */
  | (Timed & { kind: 'sequence-reset'; from: Direction; jump: number })
  | (Timed & { kind: 'gapfill-business'; from: Direction })
  | (Timed & { kind: 'slow-replay'; from: Direction; rateMsgsPerSec: number });

export interface ProxyFaultPlan {
  session: string;
  faults: ProxyFault[];
  notApplied: { index: number; kind: string; why: string }[];
}

const directionsOf = (d: 'to-venue' | 'to-router' | 'both' | undefined): Direction[] => (d === 'to-venue' ? ['to-acceptor'] : d === 'to-router' ? ['to-initiator'] : ['to-acceptor', 'to-initiator']);
const fromSide = (side: 'venue' | 'router'): Direction => (side === 'venue' ? 'to-initiator' : 'to-acceptor');
const typesOf = (types: readonly string[] | undefined) => (types === undefined ? undefined : new Set(types));

function planOne(f: ResolvedFault): ProxyFault | string {
  const atMs = f.atNs / NS_PER_MS;
  const timed = (durationNs: number): Timed => ({ index: f.index, atMs, endMs: atMs + durationNs / NS_PER_MS });
  switch (f.kind) {
    case 'session-disconnect':
      return { ...timed(f.duration), kind: 'disconnect' };
    case 'session-message-loss':
      return { ...timed(f.duration), kind: 'loss', probability: f.lossProbability, directions: directionsOf(f.direction), msgTypes: typesOf(f.msgTypes), maxMessages: f.maxMessages };
    case 'session-delay':
      return { ...timed(f.duration), kind: 'delay', directions: directionsOf(f.direction), extraMs: f.extraLatency / NS_PER_MS, jitterMs: f.jitter / NS_PER_MS };
    case 'session-duplicate':
      return { ...timed(f.duration), kind: 'duplicate', possDup: f.possDup, probability: f.duplicateProbability, directions: directionsOf(f.direction), msgTypes: typesOf(f.msgTypes), maxMessages: f.maxMessages };
    case 'session-reorder':
      return { ...timed(f.duration), kind: 'reorder', directions: directionsOf(f.direction), msgTypes: typesOf(f.msgTypes), maxMessages: f.maxMessages };
    case 'session-sequence-reset':
      return { ...timed(0), kind: 'sequence-reset', from: fromSide(f.side), jump: f.jump };
    case 'session-gapfill-business':
      return { ...timed(f.duration), kind: 'gapfill-business', from: fromSide(f.side) };
    case 'session-slow-replay':
      return { ...timed(f.duration), kind: 'slow-replay', from: fromSide(f.side), rateMsgsPerSec: f.rateMsgsPerSec };
    case 'session-store-loss':
      return 'a proxy cannot empty an engine\'s store; session-gapfill-business for a duration has the same effect on the wire';
    case 'session-resend-storm':
      return 'a resend storm is the requesting engine\'s own behaviour; a proxy cannot make it ask again';
    default:
      return 'not a FIX session fault';
  }
}

/** The plan for one scenario session (the first when `session` is undefined) and one seed. */
export function proxyFaultPlan(scenario: Scenario, seed: number, session: string | undefined): ProxyFaultPlan | string {
  const id = session ?? scenario.sessions[0].id;
  if (!scenario.sessions.some((s) => s.id === id)) return `the scenario has no session "${id}" (it has ${scenario.sessions.map((s) => s.id).join(', ')})`;
  const plan: ProxyFaultPlan = { session: id, faults: [], notApplied: [] };
  for (const f of resolveFaults(proposalFaults(scenario), new RandomStreams(seed), faultTimeStrataOf(scenario, seed))) {
    if ('session' in f && f.session !== id) {
      plan.notApplied.push({ index: f.index, kind: f.kind, why: `it is on session ${String(f.session)}, not ${id}` });
      continue;
    }
    const planned = planOne(f);
    if (typeof planned === 'string') plan.notApplied.push({ index: f.index, kind: f.kind, why: planned });
    else plan.faults.push(planned);
  }
  return plan;
}
