/**
 * What a policy decides at a decision point. The router turns it into child orders: it keeps the
 * schedule's mechanics (slicing, pricing at the touch, cancel and replace) and the policy sets the knobs.
 */
export type Placement = 'passive' | 'cross' | 'ioc';

export interface Decision {
  /** The policy's state at this decision, recorded as the episode's regime timeline. */
  regime: string;
  /** Send no new child orders (resting ones stay unless `cancelResting`). */
  pause: boolean;
  /** Multiplier on the schedule's pace: 1 follows it, below 1 throttles, above 1 allows catch-up. */
  participationScale: number;
  /**
   * Cap on catch-up: the most the router may send in one decision interval, as a multiple of the
   * schedule's quantity for that interval. Convexity-aware policies keep it low; panic sets it high.
   */
  catchupCap: number;
  /** Largest child order, in shares. */
  childQtyMaxShares: number;
  placement: Placement;
  /** Cancel every working child order now. */
  cancelResting: boolean;
  /**
   * Cancel every working order at the venue with one OrderMassCancelRequest per session, including ones
   * the router cannot see (children of unknown fate); sessions that cannot send one fall back to
   * `cancelResting`'s order-by-order cancels. Absent: false.
   */
  massCancel?: boolean;
  /**
   * Count children of unknown fate as gone and send their quantity again (playbook 000's "duplicate intent":
   * if they did reach the venue and fill, the parent overfills). Absent: false.
   */
  reenterUnknown?: boolean;
  /** At most one child order in flight at a time (seed 002's SAFE_SERIALIZE). */
  serialize: boolean;
  /** Ask the venue for the status of every child in an unknown state (the router sends one mass status per session where it can: router.ts). */
  reconcileUnknown: boolean;
  /** Flow weights per gateway id; missing ids get weight 0. Undefined keeps the current allocation. */
  gatewayWeights: Readonly<Record<string, number>> | undefined;
}

/** The decision a schedule follower makes when nothing is wrong; policies derive theirs from it. */
export function normalDecision(regime: string, childQtyMaxShares: number): Decision {
  return {
    regime,
    pause: false,
    participationScale: 1,
    catchupCap: 2,
    childQtyMaxShares,
    placement: 'passive',
    cancelResting: false,
    serialize: false,
    reconcileUnknown: false,
    gatewayWeights: undefined,
  };
}
