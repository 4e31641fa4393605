/**
 * A venue's sequencer with a primary and a backup node. Every inbound message waits in the front
 * end's FIFO, is served by the active node (a single server with a service time), applied to the
 * state machine, journaled, and each output it produces gets the next venue sequence number and is
 * published. Faults (faults.ts) stop the server; the queue keeps growing at the arrival rate, so an
 * outage makes real backlog. After a takeover the new primary drains it at the replay rate,
 * interleaved with live arrivals by a `ReplayInterleave`; after a stall the primary simply resumes.
 *
 * Seed 001 ("primary sequencer fails over or stalls; replay/catch-up channel starts draining
 * backlog"); VALIDATION.md G6 (an outage of D at arrival rate λ leaves λD queued, drained in
 * λD/(μ−λ) at replay rate μ).
 *
 * Leaves out: network between front end and nodes, batching, and a node's own warm-up. The front end
 * never loses a queued message: a message in service when the node crashes goes back to the head.
 *
 * Parameters: `serviceTimeNs` (a distribution of ns per message), `replayRateMsgsPerSec` (messages
 * per second while replaying; each then takes exactly 1/μ), `heartbeatIntervalNs`, `sampleIntervalNs`
 * (ns; 0 disables the RBL/RLD series).
 *
 * A file over 250 lines: the phase machine (serve, stall, crash, detect, take over, drain) shares its
 * state too closely to split without exposing it.
 */
import { invariant, type Distribution, type EventHandler, type EventId, type Kernel, type Ns, type UniformSource } from '../../sim/index.ts';
import type { FailoverControl, SequencerFault, TakeoverPlan } from './faults.ts';
import { LaggedEntriesRederived, validateFaultSchedule } from './faults.ts';
import { InboundQueue } from './inbound-queue.ts';
import { Journal, type JournalEntry } from './journal.ts';
import type { ReplayInterleave, TransitionInbound } from './policies.ts';
import { SequencerTruth } from './truth.ts';
import type { NodeName, OutputCollector, SequencerListener, SequencerPhase, StateMachine } from './types.ts';

export interface SequencerConfig<I, O> {
  readonly createReplica: () => StateMachine<I, O>;
  readonly listener: SequencerListener<I, O>;
  readonly serviceTimeNs: Distribution;
  readonly serviceRng: UniformSource;
  readonly replayRateMsgsPerSec: number;
  readonly interleave: ReplayInterleave;
  readonly transitionInbound: TransitionInbound;
  readonly heartbeatIntervalNs: Ns;
  readonly faults: readonly SequencerFault[];
  readonly sampleIntervalNs: Ns;
}

const SERVICE_DONE = 1;
const HEARTBEAT = 2;
const FAULT = 3;
const STALL_END = 4;
const DETECTED = 5;
const TAKEOVER = 6;
const SAMPLE = 7;

export class Sequencer<I, O> implements EventHandler, FailoverControl<I, O>, OutputCollector<O> {
  readonly journal: Journal<I, O>;
  readonly truth = new SequencerTruth<I, O>();
  private replicaState: StateMachine<I, O>;
  private phaseNow: SequencerPhase = 'normal';
  private node: NodeName = 'A';
  private epochNow = 1;
  private replaying = false;
  // Next sequence number not yet published in this epoch (re-derived outputs stay below it).
  private publishedNextSeq = 1;

  private readonly backlog = new InboundQueue<I>();
  private readonly live = new InboundQueue<I>();
  // The first `rederiveQueue.length` backlog messages are inputs of lagged entries to re-derive.
  private rederiveQueue: JournalEntry<I, O>[] = [];

  private serviceEvent: EventId | undefined;
  private serviceInput: I | undefined;
  private serviceArrivalNs: Ns = 0;
  private serviceFromBacklog = false;
  private serviceDoneAtNs: Ns = 0;
  private stalledRemainingNs: Ns | undefined;

  private readonly replayServiceNs: Ns;
  private readonly pendingPayloads: O[] = [];

  constructor(private readonly kernel: Kernel, private readonly config: SequencerConfig<I, O>) {
    invariant(config.replayRateMsgsPerSec > 0, () => `replay rate must be > 0 msgs/s, got ${config.replayRateMsgsPerSec}`);
    invariant(config.heartbeatIntervalNs > 0, 'heartbeat interval must be > 0 ns');
    this.replayServiceNs = Math.max(1, Math.round(1e9 / config.replayRateMsgsPerSec));
    this.replicaState = config.createReplica();
    this.journal = new Journal(config.createReplica);
  }

  /** Schedules heartbeats, faults and sampling; call once before running the kernel. */
  start(): void {
    const now = this.kernel.now;
    this.kernel.schedule(now + this.config.heartbeatIntervalNs, this, HEARTBEAT);
    for (const fault of validateFaultSchedule(this.config.faults)) {
      invariant(fault.atNs >= now, () => `fault ${fault.name} at ${fault.atNs} ns is before the start at ${now} ns`);
      this.kernel.schedule(fault.atNs, this, FAULT, fault);
    }
    if (this.config.sampleIntervalNs > 0) this.kernel.schedule(now, this, SAMPLE);
  }

  /** An inbound message arrives now. */
  submit(input: I): void {
    if (this.phaseNow === 'transition' && !this.config.transitionInbound.queues()) {
      this.config.listener.onRejected(input, this.kernel.now);
      return;
    }
    this.live.push(input, this.kernel.now);
    this.tryStartService();
  }

  /** The active node's state machine: the venue's truth. Replaced at a takeover that rebuilds it. */
  get replica(): StateMachine<I, O> {
    return this.replicaState;
  }
  get phase(): SequencerPhase {
    return this.phaseNow;
  }
  get activeNode(): NodeName {
    return this.node;
  }
  get epoch(): number {
    return this.epochNow;
  }
  /** RBL: inbound messages waiting. */
  get backlogLength(): number {
    return this.backlog.length + this.live.length;
  }
  /** RLD: age of the oldest waiting message, ns. */
  replayLagNs(): Ns {
    const a = this.backlog.headArrivalNs;
    const b = this.live.headArrivalNs;
    if (a === undefined && b === undefined) return 0;
    return this.kernel.now - Math.min(a ?? Infinity, b ?? Infinity);
  }

  emit(payload: O): void {
    this.pendingPayloads.push(payload);
  }

  handleEvent(kind: number, data: unknown): void {
    switch (kind) {
      case SERVICE_DONE:
        this.completeService();
        return;
      case HEARTBEAT:
        this.heartbeat();
        return;
      case FAULT:
        (data as SequencerFault).begin(this);
        return;
      case STALL_END:
        this.endStall();
        return;
      case DETECTED:
        this.phaseNow = 'transition';
        this.truth.note(this.kernel.now, 'detected', this.node, this.backlogLength);
        return;
      case TAKEOVER:
        this.takeover(data as TakeoverPlan);
        return;
      case SAMPLE:
        this.truth.series.record(this.kernel.now, this.backlogLength, this.replayLagNs(), this.phaseNow);
        this.kernel.scheduleAfter(this.config.sampleIntervalNs, this, SAMPLE);
        return;
      default:
        invariant(false, () => `sequencer got unknown event kind ${kind}`);
    }
  }

  beginStall(durationNs: Ns): void {
    this.requireSequencing('stall');
    this.phaseNow = 'stalled';
    if (this.serviceEvent !== undefined) {
      this.kernel.cancel(this.serviceEvent);
      this.serviceEvent = undefined;
      this.stalledRemainingNs = this.serviceDoneAtNs - this.kernel.now;
    }
    this.truth.note(this.kernel.now, 'stall-begin', this.node, this.backlogLength);
    this.kernel.scheduleAfter(durationNs, this, STALL_END);
  }

  beginCrash(plan: TakeoverPlan): void {
    this.requireSequencing('crash');
    this.phaseNow = 'down';
    this.requeueInService();
    this.truth.note(this.kernel.now, 'crash', this.node, this.backlogLength);
    if (plan.detectionDelayNs > 0) this.kernel.scheduleAfter(plan.detectionDelayNs, this, DETECTED);
    else this.handleEvent(DETECTED, undefined);
    this.kernel.scheduleAfter(plan.detectionDelayNs + plan.promotionNs, this, TAKEOVER, plan);
  }

  beginGracefulHandover(handoverNs: Ns): void {
    this.requireSequencing('graceful failover');
    // The message in service completes on the old primary; nothing new starts until the takeover.
    this.phaseNow = 'transition';
    this.truth.note(this.kernel.now, 'failover-announced', this.node, this.backlogLength);
    this.config.listener.onMarker({ atNs: this.kernel.now, kind: 'failover-announced', node: this.node, epoch: this.epochNow, resumeSeq: this.publishedNextSeq });
    // A graceful handover passes a complete journal: with no lag the resolution is never consulted.
    const plan: TakeoverPlan = { detectionDelayNs: 0, promotionNs: handoverNs, lagEntries: 0, resolution: LaggedEntriesRederived };
    this.kernel.scheduleAfter(handoverNs, this, TAKEOVER, plan);
  }

  discardLagged(entries: readonly JournalEntry<I, O>[]): void {
    this.truth.lostEntries.push(...entries);
    // Entries still waiting to be re-derived from an earlier takeover follow the lost ones: with
    // their predecessors gone they cannot be re-applied either, so they are lost too.
    for (const pending of this.rederiveQueue) {
      invariant(this.backlog.shift() === pending.input, 'lagged entries awaiting re-derivation must head the backlog');
      this.truth.lostEntries.push(pending);
    }
    const alsoLost = this.rederiveQueue.length;
    this.rederiveQueue = [];
    this.epochNow++;
    this.publishedNextSeq = this.journal.nextSeq;
    this.truth.note(this.kernel.now, 'entries-lost', this.node, this.backlogLength, entries.length + alsoLost);
  }

  rederiveLagged(entries: readonly JournalEntry<I, O>[]): void {
    for (let i = entries.length - 1; i >= 0; i--) this.backlog.pushFront(entries[i].input, entries[i].appliedAtNs);
    this.rederiveQueue = [...entries, ...this.rederiveQueue];
    this.truth.note(this.kernel.now, 'entries-rederived', this.node, this.backlogLength, entries.length);
  }

  private requireSequencing(what: string): void {
    invariant(this.phaseNow === 'normal' || this.phaseNow === 'replay', () => `${what} at ${this.kernel.now} ns while the sequencer is ${this.phaseNow}`);
  }

  private tryStartService(): void {
    if (this.serviceInput !== undefined || (this.phaseNow !== 'normal' && this.phaseNow !== 'replay')) return;
    const haveBacklog = this.backlog.length > 0;
    const haveLive = this.live.length > 0;
    if (!haveBacklog && !haveLive) {
      if (this.replaying) this.endReplay();
      return;
    }
    const fromBacklog = haveBacklog && (!haveLive || this.rederiveQueue.length > 0 || this.config.interleave.takeBacklog());
    const queue = fromBacklog ? this.backlog : this.live;
    this.serviceArrivalNs = queue.headArrivalNs as Ns;
    this.serviceInput = queue.shift();
    this.serviceFromBacklog = fromBacklog;
    const serviceNs = this.replaying ? this.replayServiceNs : Math.max(0, Math.round(this.config.serviceTimeNs.sample(this.config.serviceRng)));
    this.serviceDoneAtNs = this.kernel.now + serviceNs;
    this.serviceEvent = this.kernel.schedule(this.serviceDoneAtNs, this, SERVICE_DONE);
  }

  private completeService(): void {
    const input = this.serviceInput as I;
    this.serviceEvent = undefined;
    this.serviceInput = undefined;
    if (this.serviceFromBacklog && this.rederiveQueue.length > 0) this.rederive(input);
    else this.sequence(input);
    this.tryStartService();
  }

  private sequence(input: I): void {
    const now = this.kernel.now;
    this.pendingPayloads.length = 0;
    this.replicaState.apply(input, now, this);
    const count = this.pendingPayloads.length;
    const firstSeq = this.journal.append(input, now, count, this.epochNow);
    this.publishedNextSeq = firstSeq + count;
    // Outputs are built one at a time and handed on: nothing here keeps them (the journal regenerates them).
    for (let i = 0; i < count; i++) this.config.listener.onSequenced({ seq: firstSeq + i, epoch: this.epochNow, producedAtNs: now, payload: this.pendingPayloads[i] });
    this.config.listener.onBatchSequenced?.(now);
  }

  // The primary published these outputs when it first applied the input; re-applying them at their
  // original time must reproduce them exactly (the state machine is deterministic), and they are not
  // published again.
  private rederive(input: I): void {
    const entry = this.rederiveQueue.shift() as JournalEntry<I, O>;
    invariant(entry.input === input, 're-derived input is not the lagged entry at the head of the backlog');
    this.pendingPayloads.length = 0;
    this.replicaState.apply(input, entry.appliedAtNs, this);
    invariant(
      this.pendingPayloads.length === entry.outputs.length,
      () => `re-deriving seq ${entry.firstSeq} produced ${this.pendingPayloads.length} outputs, the original had ${entry.outputs.length}`,
    );
    this.journal.appendEntry(entry, entry.outputs[0]?.epoch ?? this.epochNow);
  }

  private requeueInService(): void {
    if (this.serviceEvent === undefined && this.stalledRemainingNs === undefined) return;
    if (this.serviceEvent !== undefined) this.kernel.cancel(this.serviceEvent);
    this.serviceEvent = undefined;
    this.stalledRemainingNs = undefined;
    const input = this.serviceInput as I;
    this.serviceInput = undefined;
    (this.serviceFromBacklog ? this.backlog : this.live).pushFront(input, this.serviceArrivalNs);
  }

  private endStall(): void {
    this.phaseNow = this.replaying ? 'replay' : 'normal';
    this.truth.note(this.kernel.now, 'stall-end', this.node, this.backlogLength);
    if (this.stalledRemainingNs !== undefined) {
      this.serviceDoneAtNs = this.kernel.now + this.stalledRemainingNs;
      this.serviceEvent = this.kernel.schedule(this.serviceDoneAtNs, this, SERVICE_DONE);
      this.stalledRemainingNs = undefined;
    } else {
      this.tryStartService();
    }
  }

  private takeover(plan: TakeoverPlan): void {
    this.requeueInService();
    this.node = this.node === 'A' ? 'B' : 'A';
    const lagEntries = Math.min(plan.lagEntries, this.journal.length);
    if (lagEntries > 0) {
      const lagged = this.journal.truncateLast(lagEntries);
      this.replicaState = this.journal.replay();
      plan.resolution.resolve(lagged, this);
    }
    this.backlog.appendAll(this.live);
    this.replaying = true;
    this.phaseNow = 'replay';
    this.truth.note(this.kernel.now, 'takeover', this.node, this.backlogLength, lagEntries);
    this.config.listener.onMarker({ atNs: this.kernel.now, kind: 'takeover', node: this.node, epoch: this.epochNow, resumeSeq: this.publishedNextSeq });
    this.tryStartService();
  }

  private endReplay(): void {
    this.replaying = false;
    this.phaseNow = 'normal';
    this.config.interleave.reset();
    this.truth.note(this.kernel.now, 'replay-drained', this.node, 0);
  }

  private heartbeat(): void {
    if (this.phaseNow === 'normal' || this.phaseNow === 'replay') {
      this.config.listener.onHeartbeat({ atNs: this.kernel.now, node: this.node, epoch: this.epochNow, nextSeq: this.publishedNextSeq });
    }
    this.kernel.scheduleAfter(this.config.heartbeatIntervalNs, this, HEARTBEAT);
  }
}
