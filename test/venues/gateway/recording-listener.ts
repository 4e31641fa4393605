// A test listener that records what a gateway node or pool tells the world, with times.
import type { Kernel, Ns } from '../../../sim/index.ts';
import type { GatewayNodeListener, GatewayNodeRef, GatewayRejection, LossPoint } from '../../../venues/gateway/node/node-listener.ts';
import type { GatewayLifecycle } from '../../../venues/gateway/node/node-observation.ts';

export class RecordingListener<M> implements GatewayNodeListener<M, M> {
  wired: { message: M; node: string; atNs: Ns; decisionAtNs: Ns }[] = [];
  acks: { ack: M; node: string; atNs: Ns }[] = [];
  rejected: { message: M; node: string; reason: string; atNs: Ns }[] = [];
  lost: { message: M; node: string; where: LossPoint }[] = [];
  acksLost: M[] = [];
  lifecycle: { node: string; lifecycle: GatewayLifecycle; atNs: Ns }[] = [];
  waits: Ns[] = [];

  constructor(private readonly kernel: Kernel, private readonly recordWaits = false) {}

  onWire(message: M, node: GatewayNodeRef, decisionAtNs: Ns): void {
    this.wired.push({ message, node: node.id, atNs: this.kernel.now, decisionAtNs });
  }
  onAck(ack: M, node: GatewayNodeRef): void {
    this.acks.push({ ack, node: node.id, atNs: this.kernel.now });
  }
  onRejected(rejection: GatewayRejection<M>): void {
    this.rejected.push({ message: rejection.message, node: rejection.gatewayId, reason: rejection.reason, atNs: this.kernel.now });
  }
  onLost(message: M, node: GatewayNodeRef, where: LossPoint): void {
    this.lost.push({ message, node: node.id, where });
  }
  onAckLost(ack: M): void {
    this.acksLost.push(ack);
  }
  onServiceStart(_message: M, _node: GatewayNodeRef, waitNs: Ns): void {
    if (this.recordWaits) this.waits.push(waitNs);
  }
  onLifecycle(node: GatewayNodeRef, lifecycle: GatewayLifecycle): void {
    this.lifecycle.push({ node: node.id, lifecycle, atNs: this.kernel.now });
  }
}
