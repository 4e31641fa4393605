/**
 * Packet loss on a feed path, as faults with their times (seed 001: "market-data sequence continuity
 * becomes noisy"; gap events). Each model says whether a packet sent at a given time is dropped.
 *
 * Kinds: `NoLoss`; `RandomLossWindow(probability, fromNs, toNs)`, each packet sent in [from, to)
 * dropped independently with that probability; `BurstLoss(atNs, durationNs)`, every packet sent in
 * [at, at + duration) dropped; `AnyLoss(models)`, dropped if any model drops it.
 * Leaves out: correlated (Gilbert-Elliott) loss and corruption; reordering comes only from latency.
 * Units: probability in [0, 1]; times integer ns.
 */
import { invariant, type Ns, type UniformSource } from '../../sim/index.ts';

export interface LossModel {
  readonly name: string;
  drops(sentAtNs: Ns, rng: UniformSource): boolean;
}

export const NoLoss: LossModel = { name: 'none', drops: () => false };

export class RandomLossWindow implements LossModel {
  readonly name = 'random-window';
  constructor(readonly probability: number, readonly fromNs: Ns, readonly toNs: Ns) {
    invariant(probability >= 0 && probability <= 1, () => `loss probability must be in [0, 1], got ${probability}`);
    invariant(toNs >= fromNs, () => `loss window ends (${toNs} ns) before it starts (${fromNs} ns)`);
  }
  drops(sentAtNs: Ns, rng: UniformSource): boolean {
    // Draw only inside the window, so packets outside it never move the stream.
    return sentAtNs >= this.fromNs && sentAtNs < this.toNs && rng.next() < this.probability;
  }
}

export class BurstLoss implements LossModel {
  readonly name = 'burst';
  constructor(readonly atNs: Ns, readonly durationNs: Ns) {
    invariant(durationNs >= 0, () => `burst duration must be >= 0 ns, got ${durationNs}`);
  }
  drops(sentAtNs: Ns): boolean {
    return sentAtNs >= this.atNs && sentAtNs < this.atNs + this.durationNs;
  }
}

export class AnyLoss implements LossModel {
  readonly name = 'any';
  constructor(readonly models: readonly LossModel[]) {}
  drops(sentAtNs: Ns, rng: UniformSource): boolean {
    let dropped = false;
    // Every model is asked, so one model's draws do not depend on another's verdict.
    for (const model of this.models) if (model.drops(sentAtNs, rng)) dropped = true;
    return dropped;
  }
}
