/**
 * How the gateway's cluster controller learns that the primary died (seed 000: "Failover Detection
 * Skew", the time from the first hard failure signal to the controlled failover state). Two signals,
 * each a named detector; the controller acts on the earliest that fires:
 * - `HeartbeatTimeoutDetector`: the primary sends a heartbeat every `heartbeatIntervalNs` (at whole
 *   multiples of the interval from time 0); the controller declares it dead once `missedHeartbeats`
 *   intervals have passed since the last one it received. Fires for every failure kind: the delay
 *   depends on where in the heartbeat cycle the failure falls.
 * - `ConnectionResetDetector`: when the process dies, its host closes its sockets, and the controller's
 *   connection to it resets after `notice` (a latency model). It does not fire when the host itself is
 *   lost or cut off (nothing is left to send the reset): only heartbeats tell then.
 *
 * Left out: false positives (a slow primary declared dead: split brain) and detector jitter beyond
 * the reset notice model. Units: ns.
 */
import { invariant, type Ns, type UniformSource } from '../../../sim/index.ts';
import type { LatencyModel } from '../latency-model.ts';

/** `process-crash`: the gateway process dies, its host resets its connections. `host-loss`: the host or its network is gone: silence. */
export type PrimaryFailureKind = 'process-crash' | 'host-loss';
export type DetectionSignal = 'heartbeat-timeout' | 'connection-reset';

export interface FailureDetector {
  readonly signal: DetectionSignal;
  /** When this detector declares the primary dead, or undefined when it never will for this kind. */
  detectAtNs(failedAtNs: Ns, kind: PrimaryFailureKind, rng: UniformSource): Ns | undefined;
}

export class HeartbeatTimeoutDetector implements FailureDetector {
  readonly signal = 'heartbeat-timeout';

  constructor(
    readonly heartbeatIntervalNs: Ns,
    readonly missedHeartbeats: number,
  ) {
    invariant(heartbeatIntervalNs > 0 && Number.isInteger(heartbeatIntervalNs), () => `heartbeat interval must be a whole number of ns > 0, got ${heartbeatIntervalNs}`);
    invariant(Number.isInteger(missedHeartbeats) && missedHeartbeats >= 1, () => `missed heartbeats must be an integer >= 1, got ${missedHeartbeats}`);
  }

  detectAtNs(failedAtNs: Ns): Ns {
    // A heartbeat due at the failure instant is sent: the process dies after its timer fired.
    const lastHeartbeatNs = Math.floor(failedAtNs / this.heartbeatIntervalNs) * this.heartbeatIntervalNs;
    return lastHeartbeatNs + this.missedHeartbeats * this.heartbeatIntervalNs;
  }
}

export class ConnectionResetDetector implements FailureDetector {
  readonly signal = 'connection-reset';

  constructor(readonly notice: LatencyModel) {}

  detectAtNs(failedAtNs: Ns, kind: PrimaryFailureKind, rng: UniformSource): Ns | undefined {
    return kind === 'process-crash' ? failedAtNs + this.notice.sampleNs(rng) : undefined;
  }
}

/** The earliest detection among `detectors`, or undefined when none fires. */
export function earliestDetection(
  detectors: readonly FailureDetector[],
  failedAtNs: Ns,
  kind: PrimaryFailureKind,
  rng: UniformSource,
): { atNs: Ns; signal: DetectionSignal } | undefined {
  let earliest: { atNs: Ns; signal: DetectionSignal } | undefined;
  for (const detector of detectors) {
    const atNs = detector.detectAtNs(failedAtNs, kind, rng);
    if (atNs !== undefined && (earliest === undefined || atNs < earliest.atNs)) earliest = { atNs, signal: detector.signal };
  }
  return earliest;
}
