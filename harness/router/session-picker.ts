/**
 * Picks the session for the next child order by smooth weighted round robin (nginx's algorithm):
 * deterministic, no random draw, and over any run of picks each gateway's share follows its weight
 * as closely as whole picks allow. Sessions that cannot send are skipped for that pick.
 */
export class WeightedSessionPicker {
  private weights: number[];
  private readonly current: number[];

  constructor(private readonly gatewayIds: readonly string[]) {
    this.weights = gatewayIds.map(() => 1);
    this.current = gatewayIds.map(() => 0);
  }

  /** Weights per gateway id; ids not named get 0. */
  setWeights(byGateway: Readonly<Record<string, number>>): void {
    this.weights = this.gatewayIds.map((id) => byGateway[id] ?? 0);
  }

  /** Index of the chosen session among those whose `available` flag is true, or undefined if none has weight. */
  pick(available: readonly boolean[]): number | undefined {
    let total = 0;
    let best: number | undefined;
    for (let i = 0; i < this.gatewayIds.length; i++) {
      if (!available[i] || this.weights[i] <= 0) continue;
      this.current[i] += this.weights[i];
      total += this.weights[i];
      if (best === undefined || this.current[i] > this.current[best]) best = i;
    }
    if (best === undefined) {
      // Every available session has weight 0: fall back to the first available, so flow never stalls on weights alone.
      const fallback = available.indexOf(true);
      return fallback < 0 ? undefined : fallback;
    }
    this.current[best] -= total;
    return best;
  }
}
