/**
 * Progress on stderr: a bar redrawn in place on a terminal, nothing on a pipe or in CI (`CI` set, as
 * every CI system does), where a log of carriage returns helps nobody. Notes (failed episodes) go to
 * stderr either way, above the bar. A drill draws one bar per phase: the sweep, then the report and the
 * charts, so the time after the episodes is never silent.
 *
 * The rate and ETA count from the first item finished in this run, not from the start: workers start,
 * load and compile before anything finishes, and a rate taken over that time makes a first ETA many times
 * too long. No ETA is shown until a few items have finished after the first.
 */
import { performance } from 'node:perf_hooks';
import { isCi } from '../io/terminal.ts';

export { isCi };

export interface Progress {
  update(done: number, failed: number): void;
  /** A line for the user (a failed episode): printed above the bar. */
  note(text: string): void;
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';
/** Items finished after the first one before a rate, and so an ETA, is shown. */
export const ITEMS_BEFORE_ETA = 3;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

export class TerminalProgress implements Progress {
  private lastDrawMs = -Infinity;
  private done: number;
  private failed = 0;
  /** When the first item of this run finished, and how many were done then. */
  private first: { atMs: number; done: number } | null = null;

  constructor(
    private readonly total: number,
    doneBefore: number,
    private readonly stream: Pick<NodeJS.WriteStream, 'write'>,
    private readonly label = 'sweep',
    private readonly unit = 'episodes',
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.done = doneBefore;
    this.draw();
  }

  update(done: number, failed: number): void {
    if (this.first === null && done > this.done) this.first = { atMs: this.nowMs(), done };
    this.done = done;
    this.failed = failed;
    if (this.nowMs() - this.lastDrawMs >= REDRAW_MS || done === this.total) this.draw();
  }

  note(text: string): void {
    this.stream.write(`${CLEAR_LINE}${text}\n`);
    this.draw();
  }

  finish(): void {
    this.stream.write(CLEAR_LINE);
  }

  /** Items per second since the first finished, once enough have; null before. */
  rate(): number | null {
    if (this.first === null || this.done - this.first.done < ITEMS_BEFORE_ETA) return null;
    const seconds = (this.nowMs() - this.first.atMs) / 1000;
    return seconds > 0 ? (this.done - this.first.done) / seconds : null;
  }

  line(): string {
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(fraction * BAR_WIDTH);
    const rate = this.rate();
    const failed = this.failed > 0 ? ` ${this.failed} failed` : '';
    const speed = this.done >= this.total || this.total <= ITEMS_BEFORE_ETA ? '' : rate === null ? ', estimating time left' : ` ${rate.toFixed(1)} ${this.unit}/s, eta ${formatSeconds((this.total - this.done) / rate)}`;
    return `${this.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total}${failed}${speed}`;
  }

  private draw(): void {
    this.lastDrawMs = this.nowMs();
    this.stream.write(`${CLEAR_LINE}${this.line()}`);
  }
}

class QuietProgress implements Progress {
  constructor(private readonly stream: NodeJS.WritableStream) {}
  update(): void {}
  note(text: string): void {
    this.stream.write(`${text}\n`);
  }
  finish(): void {}
}

export function createProgress(total: number, doneBefore: number, stream: NodeJS.WriteStream = process.stderr, label = 'sweep', unit = 'episodes'): Progress {
  return stream.isTTY && !isCi() ? new TerminalProgress(total, doneBefore, stream, label, unit) : new QuietProgress(stream);
}
