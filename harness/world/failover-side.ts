/**
 * Seed 000's primary/backup gateway pair inside an episode, for the one session on the fronted
 * gateway (venues/gateway/failover/README.md, "Wiring"):
 * - at the venue, the session's router owner is one order-entry counterparty behind two acceptor
 *   session identities bound through `FirmSessions` (the primary's `<SESSION>` and the backup's own
 *   `<SESSION>B`), so either identity can enter, cancel and ask about any of the firm's orders;
 * - at the gateway, an initiator session and a link slot per identity (the session's latency,
 *   heartbeat and reconnect backoff), and the `FailoverGateway` with the scenario's takeover design,
 *   failure detectors, promotion latency and state recovery;
 * - the router's port (failover-order-entry-port.ts).
 * A `gateway-failover` fault calls `failPrimary`. Venue truth for the failover accounting audit is
 * every order the counterparty reported on, by the ClOrdID the router first sent it with.
 * Stream names: `session.<id>.*` (the primary's link), `session.<id>.backup.*`, `failover.<id>.*`,
 * and each node's (`latency.<node>.*`).
 */
import type { Kernel, Ns, RandomStreams } from '../../sim/index.ts';
import { OrderEntryCounterparty } from '../../venues/fix/counterparty/index.ts';
import type { ExecutionReport } from '../../venues/fix/codec/index.ts';
import { DEFAULT_SESSION_CONFIG, ExponentialBackoff, FixSession, PersistentMessageStore } from '../../venues/fix/session/index.ts';
import { SimSessionEndpoint, SimulatedLink } from '../../venues/fix/sim/index.ts';
import {
  AwaitEvidenceRecovery,
  ConnectionResetDetector,
  ConstantLatency,
  FailoverGateway,
  FirmSessions,
  HeartbeatTimeoutDetector,
  NoWarmup,
  OwnSessionLogon,
  SharedStoreResume,
  StatusRequestRecovery,
  VenueLinkSlot,
  type PrimaryFailureKind,
  type VenueConnection,
  type VenueOrderFact,
} from '../../venues/gateway/index.ts';
import type { Venue } from '../../venues/venue/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { FailoverOrderEntryPort } from './failover-order-entry-port.ts';
import { asDistribution, buildLatency } from './latency.ts';

export type FailoverPairSpec = NonNullable<Scenario['gateways']['failover']>;
type SessionSpec = Scenario['sessions'][number];

export interface FailoverSideOptions {
  readonly ownerId: number;
  readonly symbol: string;
  readonly tickSize: number;
  readonly epochUtcMs: number;
  readonly cancelOnDisconnectDelayNs: Ns | undefined;
}

export class FailoverSide {
  readonly port: FailoverOrderEntryPort;
  readonly gateway: FailoverGateway;
  readonly counterparty: OrderEntryCounterparty;
  /** The venue's acceptor sessions, primary identity first (their counters feed PES and GFR). */
  readonly venueSessions: FixSession[] = [];
  private readonly venueOrderIds = new Set<number>();

  constructor(kernel: Kernel, streams: RandomStreams, readonly spec: FailoverPairSpec, session: SessionSpec, venue: Venue, options: FailoverSideOptions) {
    this.counterparty = new OrderEntryCounterparty(kernel, venue, {
      ownerId: options.ownerId,
      symbol: options.symbol,
      tickSize: options.tickSize,
      beginString: session.beginString,
      epochUtcMs: options.epochUtcMs,
      cancelOnDisconnectDelayNs: options.cancelOnDisconnectDelayNs,
    });
    const firm = new FirmSessions(this.counterparty);
    this.counterparty.beginTradingSession(firm);
    this.counterparty.addListener({ onExecutionReport: (report: ExecutionReport) => this.recordVenueOrder(report) });

    const latency = buildLatency(session.latency);
    const connectDelayNs = Math.round(2 * latency.meanNs);
    const base = { ...DEFAULT_SESSION_CONFIG, beginString: session.beginString, epochUtcMs: options.epochUtcMs, heartBtIntSec: Math.max(1, Math.round(session.heartbeat / 1e9)) };
    const identity = (compId: string, streamName: string): VenueConnection => {
      const link = new SimulatedLink(kernel, { latencyNs: asDistribution(latency), latencyRng: streams.get(`${streamName}.latency`), lossRng: streams.get(`${streamName}.loss`), connectDelayNs });
      const venueSession = new FixSession({ ...base, role: 'acceptor', senderCompId: 'VENUE', targetCompId: compId }, new PersistentMessageStore());
      this.venueSessions.push(venueSession);
      firm.bind(compId, new SimSessionEndpoint(kernel, venueSession, link, 1, firm.application(compId)));
      const gatewaySession = new FixSession(
        { ...base, role: 'initiator', senderCompId: compId, targetCompId: 'VENUE', reconnect: new ExponentialBackoff(session.reconnectInitial, session.reconnectMax), resendChunkSize: session.resendChunkSize },
        new PersistentMessageStore(),
      );
      return { session: gatewaySession, slot: new VenueLinkSlot(kernel, link, spec.refusalDelay) };
    };
    const compId = session.id.toUpperCase();
    const primary = identity(compId, `session.${session.id}`);
    const design = spec.design === 'own-session' ? new OwnSessionLogon(identity(`${compId}B`, `session.${session.id}.backup`)) : new SharedStoreResume();

    this.port = new FailoverOrderEntryPort(kernel, session.id, session.gateway, options.symbol, options.tickSize, options.epochUtcMs, session.beginString);
    const inbound = buildLatency(spec.inboundLatency);
    this.gateway = new FailoverGateway(
      kernel,
      {
        pairId: session.id,
        primaryId: `${spec.fronts}-primary`,
        backupId: `${spec.fronts}-backup`,
        symbol: options.symbol,
        epochUtcMs: options.epochUtcMs,
        nodeModels: {
          serviceTime: buildLatency(spec.serviceTime),
          warmup: new NoWarmup(),
          inboundLatency: inbound,
          wireLatency: new ConstantLatency(0),
          returnLatency: inbound,
          // A hot standby: up and primed before the episode.
          bootLatency: new ConstantLatency(0),
          sessionLogonLatency: new ConstantLatency(0),
        },
        primary,
        design,
        detectors: [new HeartbeatTimeoutDetector(spec.controllerHeartbeat, spec.missedHeartbeats), new ConnectionResetDetector(buildLatency(spec.resetNotice))],
        promotionLatency: buildLatency(spec.promotion),
        recovery: spec.recovery === 'status-requests' ? new StatusRequestRecovery() : new AwaitEvidenceRecovery(),
        recoveryDeadlineNs: spec.recoveryDeadline,
        orderMapLoadNs: spec.storeRecords * spec.storeReadPerRecord,
      },
      streams,
      this.port,
    );
    this.port.pair = this.gateway;
  }

  start(): void {
    this.gateway.start();
  }

  /** Fault: the primary dies now. A second failure of the same pair is out of the model (the backup failing in turn). */
  failPrimary(kind: PrimaryFailureKind): void {
    if (this.gateway.timeline.failedAtNs !== undefined) return;
    this.gateway.failPrimary(kind);
  }

  /** A drop-copy report the router received: it may resolve an order left uncertain by the failover. */
  onDropCopyReport(report: ExecutionReport): void {
    this.gateway.onDropCopyReport(report);
  }

  /** Venue truth per root ClOrdID (orders the venue never received are absent). */
  venueTruth(): Map<string, VenueOrderFact> {
    const truth = new Map<string, VenueOrderFact>();
    for (const orderId of this.venueOrderIds) {
      const record = this.counterparty.order(orderId);
      if (record !== undefined) truth.set(record.clOrdIds[0], { working: !record.isTerminal, cumQtyShares: record.cumQtyShares });
    }
    return truth;
  }

  private recordVenueOrder(report: ExecutionReport): void {
    if (report.orderId !== 'NONE') this.venueOrderIds.add(Number(report.orderId));
  }
}
