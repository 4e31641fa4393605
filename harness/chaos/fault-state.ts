/**
 * Which faults are in effect on the proxy's two directions, and what each decides for one frame: drop it,
 * rewrite a replayed business message as a GapFill, hold it back for reordering, delay it, pace it behind a
 * slow replay, send it twice. Faults are switched on and off on the proxy's clock (ms since the first
 * Logon); budgets (`maxMessages`) count the frames a fault acted on. Draws come from a seeded stream per
 * fault (`chaos.fault.<index>`), so a run's choices are the seed's, though real arrival times differ.
 */
import { RandomStreams, type RandomStream } from '../../sim/index.ts';
import { FixFrame, markMade } from './fix-frame.ts';
import type { Direction, ProxyFault } from './proxy-faults.ts';
import { Renumbering } from './renumbering.ts';

/** What happens to one frame; `actions` name every fault that touched it, for the frame log. */
export interface FrameDecision {
  frame: FixFrame | undefined;
  holdBack: boolean;
  delayMs: number;
  paced: { rateMsgsPerSec: number } | undefined;
  duplicate: FixFrame | undefined;
  actions: { index: number; action: string }[];
}

const HEADER_TAGS = new Set([34, 43, 49, 50, 52, 56, 57, 97, 115, 116, 122, 128, 129, 142, 143, 144, 145, 369]);

/** A replayed business message rewritten as the GapFill a peer without it would send. */
function asGapFill(frame: FixFrame): FixFrame {
  const header = frame.fields.slice(3, -1).filter(([tag]) => HEADER_TAGS.has(tag));
  const seq = frame.seq ?? 0;
  return markMade(FixFrame.build(frame.beginString, [[35, '4'], ...header, [36, String(seq + 1)], [123, 'Y']]), 'gapfill-rewrite');
}

export class FaultState {
  readonly renumbering = new Renumbering();
  /** Frames each fault acted on, by fault index. */
  readonly touched = new Map<number, number>();
  private readonly active = new Set<ProxyFault>();
  private readonly rngs = new Map<number, RandomStream>();
  /** Budget spent per fault and direction: `maxMessages` counts each way on its own, as the simulator does. */
  private readonly spent = new Map<string, number>();

  constructor(private readonly streams: RandomStreams) {}

  activate(fault: ProxyFault): void {
    this.active.add(fault);
    if (!this.touched.has(fault.index)) this.touched.set(fault.index, 0);
  }
  deactivate(fault: ProxyFault): void {
    this.active.delete(fault);
  }
  /** Whether a reordering fault is in effect in `direction` (a frame held back is released when none is). */
  reordering(direction: Direction): boolean {
    return [...this.active].some((f) => f.kind === 'reorder' && f.directions.includes(direction));
  }
  count(index: number): void {
    this.touched.set(index, (this.touched.get(index) ?? 0) + 1);
  }

  decide(direction: Direction, original: FixFrame, mayHoldBack: boolean): FrameDecision {
    const decision: FrameDecision = { frame: original, holdBack: false, delayMs: 0, paced: undefined, duplicate: undefined, actions: [] };
    const act = (fault: ProxyFault, action: string) => {
      this.count(fault.index);
      const key = `${fault.index}:${direction}`;
      this.spent.set(key, (this.spent.get(key) ?? 0) + 1);
      decision.actions.push({ index: fault.index, action });
    };
    let frame = this.renumbering.apply(direction, original);
    if (frame !== original) decision.actions.push({ index: -1, action: 'renumbered' });
    for (const fault of this.active) {
      switch (fault.kind) {
        case 'loss':
          if (this.eligible(fault, direction, frame) && this.draw(fault) < fault.probability) {
            act(fault, 'dropped');
            return { ...decision, frame: undefined };
          }
          break;
        case 'gapfill-business':
          if (fault.from === direction && frame.possDup && !frame.isAdmin) {
            frame = asGapFill(frame);
            act(fault, 'rewritten as GapFill');
          }
          break;
        case 'reorder':
          if (mayHoldBack && !decision.holdBack && this.eligible(fault, direction, frame)) {
            decision.holdBack = true;
            act(fault, 'held back');
          }
          break;
        case 'delay':
          if (fault.directions.includes(direction)) {
            decision.delayMs += fault.extraMs + this.draw(fault) * fault.jitterMs;
            act(fault, 'delayed');
          }
          break;
        case 'slow-replay':
          if (fault.from === direction && frame.possDup) {
            decision.paced = { rateMsgsPerSec: fault.rateMsgsPerSec };
            act(fault, 'paced');
          }
          break;
        case 'duplicate':
          if (decision.duplicate === undefined && this.eligible(fault, direction, frame) && this.draw(fault) < fault.probability) {
            const copy = fault.possDup ? frame.edit(new Map([[43, 'Y'], [122, frame.get(122) ?? frame.get(52) ?? '']])) : (FixFrame.parse(frame.raw) as FixFrame);
            decision.duplicate = markMade(copy, fault.possDup ? 'duplicate-possdup' : 'duplicate-unmarked');
            act(fault, fault.possDup ? 'duplicated with PossDupFlag=Y' : 'duplicated unmarked');
          }
          break;
        case 'disconnect':
        case 'sequence-reset':
          break;
      }
    }
    return { ...decision, frame };
  }

  private eligible(fault: Extract<ProxyFault, { directions: Direction[]; msgTypes: ReadonlySet<string> | undefined }>, direction: Direction, frame: FixFrame): boolean {
    if (!fault.directions.includes(direction)) return false;
    if (fault.msgTypes !== undefined && !fault.msgTypes.has(frame.msgType)) return false;
    return fault.maxMessages === undefined || (this.spent.get(`${fault.index}:${direction}`) ?? 0) < fault.maxMessages;
  }

  private draw(fault: ProxyFault): number {
    let rng = this.rngs.get(fault.index);
    if (rng === undefined) this.rngs.set(fault.index, (rng = this.streams.get(`chaos.fault.${fault.index}`)));
    return rng.next();
  }
}
