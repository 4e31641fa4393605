/**
 * Limits on what a scenario may ask for, checked at `validate`, so that an absurd but well-typed value
 * (a 1e12-share parent, a flow intensity of 1e9, a 1000 h horizon, a 1 ns heartbeat) is refused as bad
 * input instead of running without bound. Each limit has a documented default; a scenario that truly
 * needs more raises it in its own `limits:` block (which is part of the scenario, and of its hash).
 * The kernel's event budget (EVENT_BUDGET_FACTOR times the events limit) stops a run the estimate
 * here got wrong.
 *
 * Events per run are estimated from what schedules events, at rates measured on this simulator: the
 * background flow at about 120 kernel events per second per unit of CST intensity (tiny-gap at
 * intensity 1, 5 and 20: 273, 711 and 2,392 events a simulated second, fixed timers included) at the
 * paper's rates, in proportion to the orders the flow's own k, alpha, mu and maxDistanceTicks send
 * (maxDistanceTicks 1,000: 15 times the events of the default 5), plus the orders its book starts with, every
 * periodic timer (heartbeats, the decision interval, samples, the autoscaler's sync), other desks'
 * orders through a gateway pool, resend storms and LOBSTER messages, each at about
 * EVENTS_PER_MESSAGE events. The estimate is meant to be within a small factor, not exact.
 */
import { z } from 'zod';
import { NS_PER_HOUR, NS_PER_S } from '../../sim/index.ts';
import { duration } from './primitives.ts';

export interface LimitSpec {
  readonly default: number;
  readonly unit: string;
  readonly description: string;
}

export const SCENARIO_LIMITS = {
  eventsPerRun: { default: 20_000_000, unit: 'events', description: 'kernel events one run (incident, control or oracle) is estimated to take' },
  runLength: { default: 8 * NS_PER_HOUR, unit: 'ns', description: 'parent.start + parent.horizon + settle: how long one run simulates' },
  qtyShares: { default: 10_000_000, unit: 'shares', description: 'parent.qtyShares' },
  childOrders: { default: 100_000, unit: 'children', description: 'parent.qtyShares / router.minChildQtyShares: the most child orders a parent can be cut into' },
  faults: { default: 1_000, unit: 'faults', description: 'entries of faults' },
  sessions: { default: 64, unit: 'sessions', description: 'entries of sessions, and of gateways.nodes' },
  flowIntensity: { default: 1_000, unit: 'x', description: 'market.flow.intensity times the largest market.intensityWindows intensity' },
  ordersPerSec: { default: 100_000, unit: 'orders/s', description: "other desks' order rate through a gateway pool (backgroundRatePerSec, a load-spike's ratePerSec)" },
  poolNodes: { default: 1_000, unit: 'nodes', description: "a gateway pool's initialReplicas and maxReplicas, and a gateway-cold-start's count" },
  messages: { default: 100_000_000, unit: 'messages', description: "a lagging backup's lagMessages and an order server's earlierLogRecords" },
} as const satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof SCENARIO_LIMITS;
export type Limits = Record<LimitName, number>;

/** A scenario's own `limits:` block: any limit raised (or lowered) for this scenario. */
export const limitsBlock = z
  .strictObject(
    Object.fromEntries(
      Object.entries(SCENARIO_LIMITS).map(([name, spec]) => [
        name,
        // A length of time is written as one (12h); the rest are counts and rates.
        (spec.unit === 'ns' ? duration : z.number().positive()).optional().describe(`Raises the limit on ${spec.description} (default ${spec.unit === 'ns' ? `${spec.default / NS_PER_HOUR}h` : `${spec.default} ${spec.unit}`}).`),
      ]),
    ) as unknown as Record<LimitName, z.ZodOptional<z.ZodType<number, unknown>>>,
  )
  .describe("Limits this scenario raises above the defaults (execdrill list limits); only for a scenario that truly needs more than a day's simulation.");

export function resolveLimits(block: Partial<Limits> | undefined): Limits {
  const limits = Object.fromEntries(Object.entries(SCENARIO_LIMITS).map(([name, spec]) => [name, spec.default])) as Limits;
  for (const [name, value] of Object.entries(block ?? {})) if (value !== undefined) limits[name as LimitName] = value;
  return limits;
}

/** Kernel events per simulated second per unit of CST intensity (measured; see the header). */
export const FLOW_EVENTS_PER_SEC_PER_INTENSITY = 120;
/** Kernel events one order or FIX message causes, about (send, wire, service, report, feed). */
export const EVENTS_PER_MESSAGE = 10;
/** The kernel stops a run at this many times the events limit: the estimate's backstop. */
export const EVENT_BUDGET_FACTOR = 5;

/** One source of events and how many it is estimated to schedule in one run. */
export interface EventSource {
  path: string;
  what: string;
  events: number;
}

/** Events a periodic timer schedules over `runNs`; a zero interval never ends. */
export function periodic(path: string, what: string, intervalNs: number, runNs: number, copies = 1): EventSource {
  return { path, what, events: intervalNs > 0 ? (copies * runNs) / intervalNs : Number.POSITIVE_INFINITY };
}

export const perSecond = (ratePerSec: number, durationNs: number) => (ratePerSec * durationNs) / NS_PER_S;
