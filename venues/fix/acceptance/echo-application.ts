/**
 * The application the acceptance scripts assume (QuickFIX's src/at_application.h): every NewOrderSingle is
 * sent back unchanged but for the header, PossResend included; an order with PossResend=Y whose ClOrdID was
 * already seen in this logon is dropped (Vol. 2 test 19a). The seen set starts empty at each logon, since
 * the scripts reuse ClOrdIDs from one script to the next.
 */
import type { AppBody, FixMessage } from '../codec/messages.ts';
import type { SessionEvent } from '../session/outputs.ts';
import type { FixApplication, SessionHandle } from '../tcp/application.ts';

export class EchoApplication implements FixApplication {
  private readonly seenClOrdIds = new Set<string>();

  onMessage(message: FixMessage<AppBody>, session: SessionHandle): void {
    const body = message.body;
    if (body.msgType !== 'D') return;
    const possResend = message.header.possResend;
    if (possResend && this.seenClOrdIds.has(body.clOrdId)) return;
    this.seenClOrdIds.add(body.clOrdId);
    session.send(body, possResend);
  }

  onEvent(event: SessionEvent): void {
    if (event.type === 'logged-on') this.seenClOrdIds.clear();
  }
}
