/**
 * What a gateway node tells the world around it. The router-facing calls (`onAck`, `onRejected`)
 * are what the router receives; `onWire` is the venue's side receiving the order; `onLost` and
 * `onAckLost` are truth the router cannot see (a crashed node says nothing), kept for the harness
 * and its checkers.
 */
import type { Ns } from '../../../sim/index.ts';
import type { GatewayLifecycle } from './node-observation.ts';

/** The node a listener hears from, as far as a listener needs it (keeps this file free of the node's type). */
export interface GatewayNodeRef {
  readonly id: string;
}

export type GatewayRejectReason = 'node-not-ready' | 'node-down' | 'queue-full' | 'no-routable-node';
export type LossPoint = 'inbound' | 'queued' | 'in-service';

/** A submission the gateway refused: a domain outcome, delivered to the router as a message. */
export class GatewayRejection<M> {
  constructor(
    readonly message: M,
    readonly gatewayId: string,
    readonly reason: GatewayRejectReason,
    readonly rejectedAtNs: Ns,
  ) {}
}

export interface GatewayNodeListener<M, A> {
  /** The order reached the venue's side of the wire; `decisionAtNs` is when the router decided it. */
  onWire(message: M, node: GatewayNodeRef, decisionAtNs: Ns): void;
  /** An ack the node relayed reached the router. */
  onAck(ack: A, node: GatewayNodeRef): void;
  /** A refusal reached the router. */
  onRejected(rejection: GatewayRejection<M>): void;
  /** Truth only: an order lost inside the node when it crashed. */
  onLost(message: M, node: GatewayNodeRef, where: LossPoint): void;
  /** Truth only: an ack lost on its way back when the node crashed. */
  onAckLost(ack: A, node: GatewayNodeRef): void;
  /** Service began after `waitNs` in the queue (queueing validation, Little's law). */
  onServiceStart?(message: M, node: GatewayNodeRef, waitNs: Ns): void;
  onLifecycle?(node: GatewayNodeRef, lifecycle: GatewayLifecycle): void;
}
