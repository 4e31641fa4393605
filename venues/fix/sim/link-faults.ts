/**
 * Message faults on one direction of a simulated link (issue 18: the session faults a FIX-aware proxy can
 * apply, here as the simulator applies them): loss of chosen message types, up to a count; extra latency
 * with jitter; duplicates, with or without PossDupFlag; reordering (a message held back and delivered just
 * after the next one). Each fault is active from when it is added until it is removed. The link asks them,
 * in the order they were added, what to do with each message it is about to carry.
 * Units: ns; probabilities per message.
 */
import type { UniformSource } from '../../../sim/random.ts';
import type { Ns } from '../../../sim/time.ts';
import type { FixMessage } from '../codec/messages.ts';

interface Matching {
  /** Only these MsgTypes; all when absent. */
  msgTypes?: ReadonlySet<string>;
  /** At most this many messages are touched. */
  maxMessages?: number;
}

export type LinkFault =
  | ({ kind: 'loss'; probability: number } & Matching)
  | { kind: 'delay'; extraNs: Ns; jitterNs: Ns }
  | ({ kind: 'duplicate'; probability: number; possDup: boolean } & Matching)
  | ({ kind: 'reorder' } & Matching);

interface ActiveFault {
  fault: LinkFault;
  touched: number;
}

/** What to do with one message: drop it, hold it back, or send it late, perhaps twice. */
export interface LinkDecision {
  drop: boolean;
  holdBack: boolean;
  extraNs: Ns;
  duplicate: FixMessage | undefined;
}

export class LinkFaults {
  private readonly active: ActiveFault[] = [];

  constructor(private readonly rng: UniformSource) {}

  get isEmpty(): boolean {
    return this.active.length === 0;
  }

  add(fault: LinkFault): () => void {
    const entry = { fault, touched: 0 };
    this.active.push(entry);
    return () => {
      const i = this.active.indexOf(entry);
      if (i >= 0) this.active.splice(i, 1);
    };
  }

  /** Whether a reorder fault is active (a message it holds back is released when none is). */
  get reordering(): boolean {
    return this.active.some((a) => a.fault.kind === 'reorder');
  }

  decide(message: FixMessage, mayHoldBack: boolean): LinkDecision {
    const decision: LinkDecision = { drop: false, holdBack: false, extraNs: 0, duplicate: undefined };
    for (const entry of this.active) {
      const fault = entry.fault;
      switch (fault.kind) {
        case 'loss':
          if (this.eligible(entry, fault, message) && this.rng.next() < fault.probability) {
            entry.touched++;
            decision.drop = true;
            return decision;
          }
          break;
        case 'delay':
          decision.extraNs += fault.extraNs + Math.round(this.rng.next() * fault.jitterNs);
          break;
        case 'duplicate':
          if (decision.duplicate === undefined && this.eligible(entry, fault, message) && this.rng.next() < fault.probability) {
            entry.touched++;
            decision.duplicate = copyOf(message, fault.possDup);
          }
          break;
        case 'reorder':
          if (mayHoldBack && !decision.holdBack && this.eligible(entry, fault, message)) {
            entry.touched++;
            decision.holdBack = true;
          }
          break;
      }
    }
    return decision;
  }

  /** Whether the fault may act on the message: its type matches and the fault's budget is not spent. */
  private eligible(entry: ActiveFault, fault: Matching, message: FixMessage): boolean {
    return (fault.msgTypes === undefined || fault.msgTypes.has(message.body.msgType)) && (fault.maxMessages === undefined || entry.touched < fault.maxMessages);
  }
}

/** The same message again: an exact copy, or marked as a possible duplicate with its original SendingTime. */
function copyOf(message: FixMessage, possDup: boolean): FixMessage {
  if (!possDup) return message;
  const header = { ...message.header, possDupFlag: true, origSendingTimeMs: message.header.origSendingTimeMs ?? message.header.sendingTimeMs };
  return { header, body: message.body };
}
