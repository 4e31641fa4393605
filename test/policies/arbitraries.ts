/** fast-check generators of observation sequences with noisy, flickering incident signals. */
import fc from 'fast-check';
import { NS_PER_MS } from '../../sim/index.ts';
import type { GatewayNodeView, Observation } from '../../policies/index.ts';
import { cleanSession, observation } from './observation-builder.ts';

const signalArbitrary = fc.record({
  down: fc.boolean(),
  gapOpen: fc.boolean(),
  resend: fc.boolean(),
  backlog: fc.nat(100),
  unknown: fc.nat(5),
  similarity: fc.double({ min: 0, max: 1, noNaN: true }),
  feedRecovering: fc.boolean(),
  bookAgeMs: fc.nat(2_000),
  inversions: fc.nat(3),
  deficit: fc.nat(5_000),
  coldNode: fc.boolean(),
  coldLatencyMs: fc.nat(20),
});

/** Observations every `stepMs`, each with independently drawn signals: as noisy as signals get. */
export const noisyObservations = (stepMs: number, maxSteps = 60) =>
  fc.array(signalArbitrary, { minLength: 1, maxLength: maxSteps }).map((signals) => {
    let disconnects = 0;
    let inversions = 0;
    let possDups = 0;
    return signals.map((signal, i): Observation => {
      if (signal.down) disconnects++;
      inversions += signal.inversions;
      if (signal.resend) possDups += 2;
      const nodes: GatewayNodeView[] = [
        { gatewayId: 'a', lifecycle: 'trading-ready', ageNs: 0, warmupProgress: 1, latencyP50Ns: NS_PER_MS, latencyP99Ns: 2 * NS_PER_MS, errorCount: 0, flowShare: 0.5 },
      ];
      if (signal.coldNode) {
        nodes.push({ gatewayId: 'b', lifecycle: 'trading-ready', ageNs: 0, warmupProgress: 0.2, latencyP50Ns: NS_PER_MS, latencyP99Ns: signal.coldLatencyMs * NS_PER_MS, errorCount: 0, flowShare: 0.5 });
      }
      return observation(i * stepMs * NS_PER_MS, {
        sessions: [
          cleanSession({
            state: signal.down ? 'disconnected' : 'logged-on',
            gapOpen: signal.gapOpen,
            resendInProgress: signal.resend,
            replayBacklogMsgs: signal.backlog,
            disconnectCount: disconnects,
            possDupCount: possDups,
            lastLogonAtNs: signal.down ? 0 : i * stepMs * NS_PER_MS,
          }),
        ],
        belief: { unknownChildCount: signal.unknown, residualUncertaintyQtyShares: signal.unknown * 100 },
        dropCopy: { liveSetSimilarity: signal.similarity },
        market: { recovering: signal.feedRecovering, ageNs: signal.bookAgeMs * NS_PER_MS },
        latency: { causalityInversions: inversions },
        schedule: { deficitQtyShares: signal.deficit },
        gateways: nodes,
      });
    });
  });
