/**
 * The answer to a ResendRequest (FIX Vol. 2 test 8): application messages in the range are resent in order
 * (the session adds PossDupFlag=Y and OrigSendingTime), and each run of sequence numbers with nothing to
 * resend (admin messages, or business messages the store did not keep) becomes one SequenceReset-GapFill.
 * EndSeqNo 0 means "everything sent so far" (FIX 4.2 also accepts 999999). Business messages covered by a
 * GapFill because the store did not keep them are listed as lost.
 */
import type { MessageStore, StoredMessage } from './store.ts';

export type ResendStep =
  | { kind: 'resend'; seq: number; message: StoredMessage }
  | { kind: 'gap-fill'; seq: number; newSeqNo: number };

export interface ResendPlan {
  beginSeqNo: number;
  endSeqNo: number;
  steps: ResendStep[];
  lostSeqs: number[];
}

const FIX42_INFINITY = 999_999;

/**
 * Undefined when nothing in the range has been sent yet. With `gapFillBusiness` the stored business
 * messages are gap-filled too, as if the store had lost them (issue 18's "a peer that gap-fills business
 * messages").
 */
export function planResend(store: MessageStore, beginSeqNo: number, endSeqNo: number, nextSenderSeqNum: number, gapFillBusiness = false): ResendPlan | undefined {
  const lastSent = nextSenderSeqNum - 1;
  const begin = Math.max(1, beginSeqNo);
  const end = endSeqNo === 0 || endSeqNo === FIX42_INFINITY || endSeqNo > lastSent ? lastSent : endSeqNo;
  if (begin > end) return undefined;
  const steps: ResendStep[] = [];
  const lostSeqs: number[] = [];
  let runStart = 0;
  for (let seq = begin; seq <= end; seq++) {
    const message = gapFillBusiness ? undefined : store.get(seq);
    if (message !== undefined) {
      if (runStart !== 0) steps.push({ kind: 'gap-fill', seq: runStart, newSeqNo: seq });
      runStart = 0;
      steps.push({ kind: 'resend', seq, message });
      continue;
    }
    if (runStart === 0) runStart = seq;
    if (store.carriedApplication(seq)) lostSeqs.push(seq);
  }
  if (runStart !== 0) steps.push({ kind: 'gap-fill', seq: runStart, newSeqNo: end + 1 });
  return { beginSeqNo: begin, endSeqNo: end, steps, lostSeqs };
}
