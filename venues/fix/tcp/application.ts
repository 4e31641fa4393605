/**
 * What sits above a session over TCP: it receives application messages in sequence and may answer through
 * the handle it is given. Events (logon, gap detected, resend served...) are offered for logs and counters.
 */
import type { AppBody, FixMessage } from '../codec/messages.ts';
import type { SessionEvent } from '../session/outputs.ts';

export interface SessionHandle {
  send(body: AppBody, possResend?: boolean): void;
  logout(text?: string): void;
}

export interface FixApplication {
  onMessage(message: FixMessage<AppBody>, session: SessionHandle): void;
  onEvent?(event: SessionEvent, session: SessionHandle): void;
}
