// A toy deterministic state machine and a recording harness for sequencer tests: the sequencer is
// generic, so its properties are pinned down without a real book.
import {
  Constant,
  Exponential,
  Kernel,
  RandomStreams,
  type Ns,
} from '../../../sim/index.ts';
import {
  BacklogFirst,
  QueueDuringTransition,
  Sequencer,
  SequencerObserver,
  FanOutListener,
  type OutputCollector,
  type ReplayInterleave,
  type SequencedOutput,
  type SequencerConfig,
  type SequencerFault,
  type SequencerHeartbeat,
  type SequencerListener,
  type SessionMarker,
  type StateMachine,
  type TransitionInbound,
} from '../../../venues/sequencer/index.ts';

export interface ToyInput {
  readonly id: number;
  /** How many outputs applying it produces (0 allowed: an input may produce nothing). */
  readonly fanout: number;
}
export interface ToyOutput {
  readonly inputId: number;
  readonly index: number;
  readonly stateAfter: number;
}

/** Order-sensitive state: the result depends on every input and its time, like a book. */
export class ToyMachine implements StateMachine<ToyInput, ToyOutput> {
  state = 17;
  apply(input: ToyInput, atNs: Ns, out: OutputCollector<ToyOutput>): void {
    this.state = (Math.imul(this.state, 31) + input.id * 7 + (atNs % 1000)) | 0;
    for (let i = 0; i < input.fanout; i++) out.emit({ inputId: input.id, index: i, stateAfter: this.state });
  }
}

export class Recorder implements SequencerListener<ToyInput, ToyOutput> {
  readonly published: SequencedOutput<ToyOutput>[] = [];
  readonly rejected: { input: ToyInput; atNs: Ns }[] = [];
  readonly heartbeats: SequencerHeartbeat[] = [];
  readonly markers: SessionMarker[] = [];
  onSequenced(output: SequencedOutput<ToyOutput>): void {
    this.published.push(output);
  }
  onRejected(input: ToyInput, atNs: Ns): void {
    this.rejected.push({ input, atNs });
  }
  onHeartbeat(heartbeat: SequencerHeartbeat): void {
    this.heartbeats.push(heartbeat);
  }
  onMarker(marker: SessionMarker): void {
    this.markers.push(marker);
  }
}

export interface World {
  kernel: Kernel;
  sequencer: Sequencer<ToyInput, ToyOutput>;
  recorder: Recorder;
  observer: SequencerObserver<ToyInput, ToyOutput>;
  submitted: ToyInput[];
}

export interface WorldOptions {
  seed?: number;
  faults?: SequencerFault[];
  serviceNs?: Ns;
  replayRateMsgsPerSec?: number;
  interleave?: ReplayInterleave;
  transitionInbound?: TransitionInbound;
  heartbeatIntervalNs?: Ns;
  sampleIntervalNs?: Ns;
  /** Poisson arrivals at this rate until `arrivalsUntilNs`; omit for periodic arrivals. */
  arrivalRatePerSec?: number;
  /** Fixed gap between arrivals when no rate is given. */
  arrivalEveryNs?: Ns;
  arrivalsUntilNs: Ns;
  /** Outputs per input are drawn from 0..maxFanout, unless `fanout` fixes them. */
  maxFanout?: number;
  fanout?: number;
}

export function buildWorld(options: WorldOptions): World {
  const kernel = new Kernel();
  const streams = new RandomStreams(options.seed ?? 1);
  const recorder = new Recorder();
  const heartbeatIntervalNs = options.heartbeatIntervalNs ?? 10_000_000;
  const observer = new SequencerObserver<ToyInput, ToyOutput>(heartbeatIntervalNs);
  const config: SequencerConfig<ToyInput, ToyOutput> = {
    createReplica: () => new ToyMachine(),
    listener: new FanOutListener([recorder, observer]),
    serviceTimeNs: new Constant(options.serviceNs ?? 10_000),
    serviceRng: streams.get('venue.sequencer.service'),
    replayRateMsgsPerSec: options.replayRateMsgsPerSec ?? 1000,
    interleave: options.interleave ?? new BacklogFirst(),
    transitionInbound: options.transitionInbound ?? QueueDuringTransition,
    heartbeatIntervalNs,
    faults: options.faults ?? [],
    sampleIntervalNs: options.sampleIntervalNs ?? 0,
  };
  const sequencer = new Sequencer(kernel, config);
  sequencer.start();
  const submitted: ToyInput[] = [];
  const arrivals = streams.get('flow.arrivals');
  const fanouts = streams.get('flow.fanout');
  const gap = options.arrivalRatePerSec !== undefined ? new Exponential(options.arrivalRatePerSec / 1e9) : new Constant(options.arrivalEveryNs ?? 1_000_000);
  const maxFanout = options.maxFanout ?? 2;
  let nextId = 1;
  const arrive = (): void => {
    const input: ToyInput = { id: nextId++, fanout: options.fanout ?? fanouts.nextInt(maxFanout + 1) };
    submitted.push(input);
    sequencer.submit(input);
    const at = kernel.now + Math.max(1, Math.round(gap.sample(arrivals)));
    if (at < options.arrivalsUntilNs) kernel.schedule(at, arrive);
  };
  kernel.schedule(Math.max(1, Math.round(gap.sample(arrivals))), arrive);
  return { kernel, sequencer, recorder, observer, submitted };
}

export const MS = 1_000_000;
export const S = 1_000_000_000;
