/**
 * The outbound message store behind ResendRequest answers (seed 002: PersistMessages). Only application
 * messages are kept: admin messages are never resent, a run of them becomes a SequenceReset-GapFill.
 * `PersistentMessageStore` keeps every application message; `NonPersistentMessageStore` keeps none
 * (PersistMessages=N), so every resend is answered with a GapFill and the business messages in that range
 * are lost at session level. It still notes which sequence numbers carried business messages, so the
 * session can record the loss (a simulation ledger; a real engine without a store could not).
 */
import type { AppBody } from '../codec/messages.ts';

export interface StoredMessage {
  body: AppBody;
  sendingTimeMs: number;
  possResend: boolean;
}

export interface MessageStore {
  readonly persists: boolean;
  put(seq: number, message: StoredMessage): void;
  /** The application message sent under `seq`, if the store keeps it. */
  get(seq: number): StoredMessage | undefined;
  /** Whether an application message went out under `seq`, kept or not. */
  carriedApplication(seq: number): boolean;
  reset(): void;
}

export class PersistentMessageStore implements MessageStore {
  readonly persists = true;
  private readonly messages = new Map<number, StoredMessage>();

  put(seq: number, message: StoredMessage): void {
    this.messages.set(seq, message);
  }
  get(seq: number): StoredMessage | undefined {
    return this.messages.get(seq);
  }
  carriedApplication(seq: number): boolean {
    return this.messages.has(seq);
  }
  reset(): void {
    this.messages.clear();
  }
}

export class NonPersistentMessageStore implements MessageStore {
  readonly persists = false;
  private readonly applicationSeqs = new Set<number>();

  put(seq: number): void {
    this.applicationSeqs.add(seq);
  }
  get(): StoredMessage | undefined {
    return undefined;
  }
  carriedApplication(seq: number): boolean {
    return this.applicationSeqs.has(seq);
  }
  reset(): void {
    this.applicationSeqs.clear();
  }
}
