/**
 * A drop-copy session: the venue copies every execution report of the owners it covers onto its own
 * FIX session (seed 000: "Enforce dual-truth ingestion (order-entry + independent drop-copy)"). A copy
 * is the entry session's report itself, same ExecID, so a receiver holding both channels deduplicates by
 * ExecID. Reports of orders from earlier trading sessions are copied too: the drop copy covers an owner,
 * not a session, so it is the one channel that still shows those orders filling (seed 004).
 *
 * Faults of its own: each copy goes out `lag` after its report (a copy never overtakes an earlier one),
 * and during outage windows the service is down, with an `OutageRecovery` deciding what becomes of the
 * copies due meanwhile (outage.ts). Like the entry session, the copy is sent whether its FixSession is
 * logged on or not; a down link is recovered, or not, by the session's store.
 * Leaves out: CopyMsgIndicator (797, not in the codec), copies of cancel rejects and status answers
 * (they are answers to one session, not executions), and filters by account.
 * Units: lag in ns (a LatencyModel draw per copy), outage windows in ns of simulated time.
 */
import { invariant, type EventHandler, type Kernel, type UniformSource } from '../../../sim/index.ts';
import type { Ns } from '../../../sim/time.ts';
import type { LatencyModel } from '../../gateway/latency-model.ts';
import type { ExecutionReport } from '../codec/messages.ts';
import type { ExecutionReportListener, OrderEntryCounterparty, SessionPort } from '../counterparty/index.ts';
import { validateOutageWindows, type OutageRecovery, type OutageWindow } from './outage.ts';

export interface DropCopyConfig {
  /** Extra delay from an execution report to its copy. */
  readonly lag: LatencyModel;
  readonly lagRng: UniformSource;
  readonly outages: readonly OutageWindow[];
  readonly recovery: OutageRecovery;
}

export interface DropCopyStats {
  copiesSent: number;
  /** Copies sent after an outage, included in `copiesSent`. */
  copiesCaughtUp: number;
  /** Copies that fell due during an outage (caught up afterwards, or lost: the recovery says). */
  copiesMissed: number;
  /** Application messages from the receiver: a drop copy takes none. */
  unsupportedMessages: number;
}

const PUBLISH = 0;
const OUTAGE_START = 1;
const OUTAGE_END = 2;

export class DropCopy implements ExecutionReportListener, EventHandler {
  readonly stats: DropCopyStats = { copiesSent: 0, copiesCaughtUp: 0, copiesMissed: 0, unsupportedMessages: 0 };
  /** Copies waiting out their lag, in the order they fall due. */
  private readonly due: ExecutionReport[] = [];
  private lastDueNs: Ns = 0;
  private down = false;
  private port: SessionPort | undefined;

  constructor(
    private readonly kernel: Kernel,
    readonly config: DropCopyConfig,
  ) {
    validateOutageWindows(config.outages);
    for (const window of config.outages) {
      invariant(window.fromNs >= kernel.now, () => `drop copy outage at ${window.fromNs} ns is in the past`);
      kernel.schedule(window.fromNs, this, OUTAGE_START);
      kernel.schedule(window.untilNs, this, OUTAGE_END);
    }
  }

  get isDown(): boolean {
    return this.down;
  }

  /** Copies every execution report of this counterparty's owner from now on. */
  cover(counterparty: OrderEntryCounterparty): void {
    counterparty.addListener(this);
  }

  /** Binds the FixSession of a new trading session. */
  beginTradingSession(port: SessionPort): void {
    this.port = port;
  }

  onExecutionReport(report: ExecutionReport): void {
    const dueNs = Math.max(this.lastDueNs, this.kernel.now + this.config.lag.sampleNs(this.config.lagRng));
    this.lastDueNs = dueNs;
    this.due.push(report);
    this.kernel.schedule(dueNs, this, PUBLISH);
  }

  onMessage(): void {
    this.stats.unsupportedMessages++;
  }

  handleEvent(kind: number): void {
    switch (kind) {
      case PUBLISH: {
        const report = this.due.shift();
        invariant(report !== undefined, 'a drop copy publish event without a copy due');
        if (!this.down) this.send(report);
        else {
          this.stats.copiesMissed++;
          this.config.recovery.onMissed(report);
        }
        return;
      }
      case OUTAGE_START:
        this.down = true;
        return;
      case OUTAGE_END: {
        this.down = false;
        const backlog = this.config.recovery.takeBacklog();
        this.stats.copiesCaughtUp += backlog.length;
        for (const report of backlog) this.send(report);
        return;
      }
    }
  }

  private send(report: ExecutionReport): void {
    invariant(this.port !== undefined, 'beginTradingSession() binds a session before the drop copy sends');
    this.stats.copiesSent++;
    this.port.send(report);
  }
}
