/**
 * Seed 004's order server inside an episode: for the one session on the fronted gateway, the router's
 * port talks to a CFE-style order server (venues/gateway/order-server) with its persisted log, which
 * trades through the venue adapter as the session's router owner; the administrator's orphan registry
 * and the phone desk sit beside it. The server starts at time zero (an empty log: its start that
 * morning), and once it runs, the day's earlier activity (`earlierLogRecords`) is counted into its log,
 * so that a restart reads for as long as the seed's "large *_Mode_orders.tbl files" make it.
 *
 * Recorded for the seed-004 KPIs: each outage (down, restart, startup end, records read, the router's
 * next order book).
 * Stream names: `latency.<gateway>.order-server`, `latency.venue.<gateway>.reports`, `human.phone-desk`.
 */
import type { Kernel, Ns, RandomStreams } from '../../sim/index.ts';
import type { Venue } from '../../venues/venue/index.ts';
import {
  OrderServer,
  OrderServerVenueAdapter,
  OrphanRegistry,
  PersistedOrderLog,
  PhoneDesk,
  type OrderServerReport,
  type OrderServerStatus,
  type VenueReport,
} from '../../venues/gateway/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { buildLatency } from './latency.ts';
import type { RouterReportSink } from './fix-order-entry-port.ts';
import { OrderServerPort } from './order-server-port.ts';

export type OrderServerSpec = NonNullable<Scenario['gateways']['orderServer']>;

/** The trading session the episode runs in; orders from earlier sessions are not simulated. */
const TRADING_SESSION_ID = 1;

export interface OrderServerOutage {
  downAtNs: Ns;
  diskLost: boolean;
  restartAtNs: Ns | undefined;
  startupEndsAtNs: Ns | undefined;
  recordsRead: number | undefined;
  /** The router's next order book: its state is authoritative again. */
  bookAtNs: Ns | undefined;
}

export class OrderServerSide {
  readonly port: OrderServerPort;
  readonly server: OrderServer;
  readonly adapter: OrderServerVenueAdapter;
  readonly log: PersistedOrderLog;
  readonly orphans = new OrphanRegistry();
  readonly phone: PhoneDesk;
  readonly outages: OrderServerOutage[] = [];
  private earlierCounted = false;

  constructor(
    private readonly kernel: Kernel,
    streams: RandomStreams,
    readonly spec: OrderServerSpec,
    session: Scenario['sessions'][number],
    ownerId: number,
    venue: Venue,
    symbol: string,
    tickSize: number,
  ) {
    const gatewayId = spec.fronts;
    this.port = new OrderServerPort(kernel, session.id, gatewayId, TRADING_SESSION_ID, symbol, tickSize);
    this.log = new PersistedOrderLog();
    this.adapter = new OrderServerVenueAdapter(
      kernel,
      venue,
      {
        currentSessionId: TRADING_SESSION_ID,
        ownerByGateway: { [gatewayId]: ownerId },
        termsOf: (order) => {
          const child = this.port.children.childOf(order.clOrdId);
          if (child === undefined) throw new Error(`order server ${gatewayId}: no child for ${order.clOrdId}`);
          return { side: child.side, orderType: child.ioc ? 'ioc' : 'limit', priceTicks: child.priceTicks };
        },
        reportLatency: buildLatency(spec.reportLatency),
      },
      streams,
    );
    const client = { onReport: (report: OrderServerReport) => this.onReport(report), onStatus: (status: OrderServerStatus) => this.onStatus(status) };
    this.server = new OrderServer(
      kernel,
      {
        gatewayId,
        currentSessionId: TRADING_SESSION_ID,
        sessionOpensAtNs: 0,
        startupBaseNs: spec.startupBase,
        startupNsPerRecord: spec.startupPerRecord,
        reconnectIntervalNs: spec.reconnectInterval,
        clientLatency: buildLatency(spec.clientLatency),
      },
      this.log,
      this.adapter,
      client,
      this.orphans,
      streams,
    );
    this.port.server = this.server;
    this.phone = new PhoneDesk(kernel, this.adapter, this.orphans, buildLatency(spec.phoneDelay), streams, (_gateway, answer) => this.port.bookPhoneAnswer(answer));
  }

  set sink(sink: RouterReportSink) {
    this.port.sink = sink;
  }

  start(): void {
    this.server.start();
  }

  crash(restartAfterNs: Ns): void {
    if (this.server.status().process === 'down') return;
    this.server.crash();
    this.outages.push({ downAtNs: this.kernel.now, diskLost: false, restartAtNs: undefined, startupEndsAtNs: undefined, recordsRead: undefined, bookAtNs: undefined });
    this.kernel.scheduleAfter(restartAfterNs, () => this.restart());
  }

  loseDisk(restartAfterNs: Ns): void {
    if (this.server.status().process === 'down') return;
    this.server.loseDisk();
    this.outages.push({ downAtNs: this.kernel.now, diskLost: true, restartAtNs: undefined, startupEndsAtNs: undefined, recordsRead: undefined, bookAtNs: undefined });
    this.phone.callExchangeLater(this.server);
    this.kernel.scheduleAfter(restartAfterNs, () => this.restart());
  }

  /** Oracle: each venue report reaches the router the instant it is produced. */
  tapTruth(sink: RouterReportSink): void {
    const truth = this.port.translator('truth', () => sink);
    this.adapter.addTap((_gateway, report: VenueReport) => {
      switch (report.kind) {
        case 'ack':
          return truth.ack(report.clOrdId);
        case 'fill':
          return truth.fill(report.fill);
        case 'cancelled': {
          // A cancel the port turns into a replacement is not the child's end.
          const child = this.port.children.childOf(report.clOrdId);
          if (child?.pendingReplace !== undefined && child.venueClOrdId === report.clOrdId) return;
          return truth.ended(report.clOrdId, 'cancelled');
        }
        case 'rejected':
          return truth.ended(report.clOrdId, 'rejected', report.reason);
        case 'cancel-rejected':
          return truth.cancelRejected(report.clOrdId, report.reason);
        case 'download':
          return;
      }
    });
  }

  /** The router's root ClOrdID of a venue order entered through this server, if it was. */
  rootClOrdIdOf(orderId: number): string | undefined {
    const clOrdId = this.adapter.clOrdIdOf(orderId);
    return clOrdId === undefined ? undefined : this.port.children.rootOf(clOrdId);
  }

  private restart(): void {
    if (this.server.status().process !== 'down') return;
    const outage = this.outages[this.outages.length - 1];
    outage.restartAtNs = this.kernel.now;
    outage.recordsRead = this.log.recordCount;
    this.server.start();
  }

  private onStatus(status: OrderServerStatus): void {
    if (status.process === 'starting') {
      const outage = this.outages[this.outages.length - 1];
      if (outage !== undefined) outage.startupEndsAtNs = status.startupEndsAtNs;
    }
    if (status.process === 'running' && !this.earlierCounted) {
      this.earlierCounted = true;
      this.log.countEarlierActivity(this.spec.earlierLogRecords);
    }
    this.port.onStatus(status);
  }

  private onReport(report: OrderServerReport): void {
    if (report.kind === 'order-book') {
      const outage = this.outages[this.outages.length - 1];
      if (outage !== undefined && outage.bookAtNs === undefined && outage.restartAtNs !== undefined) outage.bookAtNs = this.kernel.now;
    }
    this.port.onReport(report);
  }
}
