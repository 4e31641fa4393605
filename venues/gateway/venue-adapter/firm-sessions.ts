/**
 * The venue's side of one firm trading over several order-entry session identities (a primary and a
 * backup gateway, each with its own CompIDs) through one order-entry counterparty, so that either
 * session can enter, cancel and ask the status of any of the firm's orders (a firm-level order book,
 * as the backup's own-session takeover needs: seed 000, design (b)).
 *
 * Routing of what the counterparty sends (reports, cancel rejects, status answers): to the session
 * that logged on most recently and is still logged on; when none is, to the one that logged on most
 * recently (its store keeps the messages for its next logon, or for ever if it never comes back: the
 * reports stranded on a dead gateway's session). Before any logon, to the first session bound.
 * Cancel-on-disconnect stays per firm: the counterparty hears "logged on" when the first session is up
 * and "disconnected" when the last one goes down.
 *
 * Left out: routing a report to the session that entered the order, and copying it to every session.
 */
import { invariant } from '../../../sim/index.ts';
import type { AppBody, FixMessage } from '../../fix/codec/index.ts';
import type { SessionPort } from '../../fix/counterparty/index.ts';
import type { SessionEvent } from '../../fix/session/index.ts';
import type { SimFixApplication } from '../../fix/sim/index.ts';

/** The firm's application at the venue (the order-entry counterparty). */
export interface FirmApplication {
  onMessage(message: FixMessage<AppBody>): void;
  onEvent(event: SessionEvent): void;
}

interface BoundSession {
  readonly name: string;
  port: SessionPort | undefined;
  loggedOn: boolean;
  /** Order of its last logon among the firm's sessions (0: never). */
  logonRank: number;
}

export class FirmSessions implements SessionPort {
  private readonly sessions: BoundSession[] = [];
  private logons = 0;

  constructor(private readonly firm: FirmApplication) {}

  /** The application for one acceptor session of the firm; `bind` its endpoint before trading. */
  application(name: string): SimFixApplication {
    invariant(this.find(name) === undefined, () => `firm session ${name} already added`);
    const session: BoundSession = { name, port: undefined, loggedOn: false, logonRank: 0 };
    this.sessions.push(session);
    return {
      onMessage: (message) => this.firm.onMessage(message),
      onEvent: (event) => this.onEvent(session, event),
    };
  }

  bind(name: string, port: SessionPort): void {
    const session = this.find(name);
    invariant(session !== undefined, () => `no firm session ${name}`);
    session.port = port;
  }

  /** The session the firm's next message goes to. */
  get current(): string {
    return this.route().name;
  }

  send(body: AppBody): void {
    const port = this.route().port;
    invariant(port !== undefined, 'bind() the firm session endpoints before trading');
    port.send(body);
  }

  private onEvent(session: BoundSession, event: SessionEvent): void {
    const anyUp = this.sessions.some((s) => s.loggedOn);
    if (event.type === 'logged-on') {
      session.loggedOn = true;
      session.logonRank = ++this.logons;
      if (!anyUp) this.firm.onEvent(event);
    } else if (event.type === 'disconnected' && session.loggedOn) {
      session.loggedOn = false;
      if (!this.sessions.some((s) => s.loggedOn)) this.firm.onEvent(event);
    }
  }

  private route(): BoundSession {
    invariant(this.sessions.length > 0, 'a firm needs at least one session');
    let best: BoundSession | undefined;
    for (const session of this.sessions) {
      if (session.logonRank === 0) continue;
      if (best === undefined || (session.loggedOn && !best.loggedOn) || (session.loggedOn === best.loggedOn && session.logonRank > best.logonRank)) best = session;
    }
    return best ?? this.sessions[0];
  }

  private find(name: string): BoundSession | undefined {
    return this.sessions.find((session) => session.name === name);
  }
}
