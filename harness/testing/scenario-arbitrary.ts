/**
 * A fast-check arbitrary for whole scenarios, built on the scenario schema's input type, so every
 * generated value is a scenario file that `execdrill validate` accepts (the tests check it). The
 * options fix the world's shape (sessions, drop copy, the range of horizons, the fault kinds); each
 * case draws the parent order, the market's intensity, whether sessions persist messages, and the
 * incident. Horizons are short (default 6-15 s) so one episode (incident, control and oracle runs)
 * takes well under a second. Shrinking heads for fewer and milder faults, and for a standard parent in
 * a standard market (STANDARD: 2,000 shares over 10 s in a market of intensity 3), not for the extremes:
 * a 100-share parent in the quietest market may never fill once a fault strikes, and a failure shrunk to
 * it says nothing about the policy. So a failure ends at the simplest incident on an ordinary order.
 *
 * Left out: autoscaler settings, warm-up models and historical (LOBSTER) flow; each fault kind's
 * arbitrary is in fault-arbitraries.ts.
 */
import fc from 'fast-check';
import { Document, isScalar, visit } from 'yaml';
import type { FaultKind, ScenarioInput } from '../scenario/index.ts';
import { faultScheduleArbitrary, type IncidentShape } from './fault-arbitraries.ts';

export interface ScenarioArbitraryOptions {
  /** Order-entry sessions s1..sN, all on gateway gw1 (default 1). */
  sessions?: number;
  /** Whether the scenario has a drop copy, and so may draw drop-copy faults (default true). */
  dropCopy?: boolean;
  /**
   * What stands in front of gateway gw1's sessions: nothing (default), playbook 003's autoscaled pool (two
   * warm nodes; pool faults become possible), playbook 004's order server or playbook 000's primary/backup
   * failover pair (these two front one session only).
   */
  front?: 'direct' | 'pool' | 'order-server' | 'failover-pair';
  /** Parent order horizon range in milliseconds (default 6000..15000). */
  horizonMs?: { min: number; max: number };
  /** Most faults in one incident (default 3). */
  maxFaults?: number;
  /** Fault kinds to draw from (default: every kind the catalogue and the arbitraries cover). */
  faultKinds?: readonly FaultKind[];
}

export type GeneratedScenario = ScenarioInput;

const START_MS = 1_000;

/** Where the parent and the market shrink to: an ordinary order (it fills in full without a fault, at any seed tried). */
export const STANDARD = { qtyShares: 2_000, horizonMs: 10_000, intensity: 3 } as const;

/** Integers in [min, max] that shrink towards `target` (clamped into the range) rather than towards min. */
function around(target: number, min: number, max: number): fc.Arbitrary<number> {
  const centre = Math.min(max, Math.max(min, target));
  return fc.integer({ min: min - centre, max: max - centre }).map((offset) => centre + offset);
}

/** The gateways section for each front; the pool's nodes are warm so that only its faults make it cold. */
const FRONTS: Record<NonNullable<ScenarioArbitraryOptions['front']>, Pick<ScenarioInput, 'gateways'>> = {
  direct: {},
  pool: { gateways: { nodes: [{ id: 'gw1' }], pool: { fronts: 'gw1', initialReplicas: 2 } } },
  'order-server': { gateways: { nodes: [{ id: 'gw1' }], orderServer: { fronts: 'gw1' } } },
  'failover-pair': { gateways: { nodes: [{ id: 'gw1' }], failover: { fronts: 'gw1' } } },
};
const SETTLE = '2s';

function sessions(count: number): fc.Arbitrary<NonNullable<ScenarioInput['sessions']>> {
  const ids = Array.from({ length: count }, (_, i) => `s${i + 1}`);
  // constantFrom shrinks to its first value: persisting sessions are the ordinary case.
  return fc.tuple(...ids.map(() => fc.constantFrom(true, false))).map((persist) => ids.map((id, i) => ({ id, gateway: 'gw1', persistMessages: persist[i] })));
}

/** Whole scenarios with a short parent order and an incident drawn from the fault catalogue. */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<GeneratedScenario> {
  const sessionCount = options.sessions ?? 1;
  const dropCopy = options.dropCopy ?? true;
  const horizon = options.horizonMs ?? { min: 6_000, max: 15_000 };
  if (!(Number.isInteger(sessionCount) && sessionCount >= 1)) throw new Error(`sessions: expected a whole number >= 1, got ${sessionCount}`);
  const front = options.front ?? 'direct';
  if ((front === 'order-server' || front === 'failover-pair') && sessionCount !== 1) throw new Error(`front: ${front} fronts exactly one session (sessions: 1)`);
  if (!(horizon.min >= 1 && horizon.max >= horizon.min)) throw new Error(`horizonMs: expected 1 <= min <= max, got ${horizon.min}..${horizon.max}`);
  const shape: IncidentShape = {
    sessionIds: Array.from({ length: sessionCount }, (_, i) => `s${i + 1}`),
    dropCopy,
    pool: front === 'pool',
    orderServer: front === 'order-server',
    failoverPair: front === 'failover-pair',
    faultWindowStartMs: START_MS,
    // Faults fall within the parent's life, whatever horizon the case draws.
    faultWindowEndMs: START_MS + horizon.min,
  };
  return fc
    .record({
      horizonMs: around(STANDARD.horizonMs, horizon.min, horizon.max),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      qtyShares: around(STANDARD.qtyShares / 100, 5, 30).map((lots) => lots * 100),
      intensity: around(STANDARD.intensity, 1, 5),
      sessions: sessions(sessionCount),
      faults: faultScheduleArbitrary(shape, { maxFaults: options.maxFaults, kinds: options.faultKinds }),
    })
    .map(
      (drawn): GeneratedScenario => ({
        name: 'generated',
        title: 'An incident generated by a property test',
        description: 'Drawn by execdrill/testing scenarioArbitrary; shrunk by fast-check when it made a property fail.',
        kind: 'synthetic',
        market: { flow: { model: 'cst', intensity: drawn.intensity } },
        sessions: drawn.sessions,
        ...(dropCopy ? { dropCopy: {} } : {}),
        ...FRONTS[front],
        parent: { side: drawn.side, qtyShares: drawn.qtyShares, start: `${START_MS}ms`, horizon: `${drawn.horizonMs}ms` },
        settle: SETTLE,
        faults: drawn.faults,
      }),
    );
}

/** The scenario as a YAML file, each map of plain values on one line as the bundled scenarios write them. */
export function scenarioYaml(scenario: GeneratedScenario, header?: string): string {
  const document = new Document(scenario);
  visit(document, {
    Map(_, map) {
      if (map.items.every((pair) => isScalar(pair.value))) map.flow = true;
    },
  });
  const body = document.toString({ flowCollectionPadding: true, lineWidth: 0 });
  const comment = header === undefined ? '' : `${header.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n`;
  return `${comment}${body}`;
}
