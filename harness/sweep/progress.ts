/**
 * Progress of a sweep on stderr: a bar redrawn in place on a terminal, nothing on a pipe or in CI
 * (`CI` set, as every CI system does), where a log of carriage returns helps nobody. Notes (failed
 * episodes) go to stderr either way, above the bar.
 */
import { performance } from 'node:perf_hooks';

export interface Progress {
  update(done: number, failed: number): void;
  /** A line for the user (a failed episode): printed above the bar. */
  note(text: string): void;
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

class TerminalProgress implements Progress {
  private readonly startMs = performance.now();
  private lastDrawMs = -Infinity;
  private done: number;
  private failed = 0;

  constructor(
    private readonly total: number,
    private readonly doneBefore: number,
    private readonly stream: NodeJS.WriteStream,
  ) {
    this.done = doneBefore;
    this.draw();
  }

  update(done: number, failed: number): void {
    this.done = done;
    this.failed = failed;
    if (performance.now() - this.lastDrawMs >= REDRAW_MS) this.draw();
  }

  note(text: string): void {
    this.stream.write(`${CLEAR_LINE}${text}\n`);
    this.draw();
  }

  finish(): void {
    this.stream.write(CLEAR_LINE);
  }

  private draw(): void {
    this.lastDrawMs = performance.now();
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(fraction * BAR_WIDTH);
    const seconds = (this.lastDrawMs - this.startMs) / 1000;
    const rate = (this.done - this.doneBefore) / seconds;
    const eta = rate > 0 ? (this.total - this.done) / rate : Infinity;
    const failed = this.failed > 0 ? ` ${this.failed} failed` : '';
    const speed = rate > 0 ? ` ${rate.toFixed(1)} episodes/s, eta ${formatSeconds(eta)}` : '';
    this.stream.write(`${CLEAR_LINE}sweep [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total}${failed}${speed}`);
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

export function createProgress(total: number, doneBefore: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY && !isCi() ? new TerminalProgress(total, doneBefore, stream) : new QuietProgress(stream);
}
