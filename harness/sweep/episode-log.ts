/**
 * The records a sweep writes, in canonical order whatever order the workers finish in, and how an
 * interrupted sweep picks up where it stopped.
 *
 * A record that arrives in turn is appended to `episodes.jsonl` at once, followed by any later ones it
 * was holding back. A record that arrives early is appended to `pending.log` (`<index>\t<record>`)
 * and held in memory. Every finished episode is therefore on disk the moment it finishes, in one of the
 * two files, and a kill -9 at any instant loses at most a line being written. On reopening, a torn last
 * line of either file is cut off, records already in `episodes.jsonl` count as done, and pending ones
 * past its end are held again (and written in turn). Appends are single write() calls on files opened
 * for appending: the page cache keeps them across a killed process (not across a power cut: no fsync).
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { PENDING_FILE, RECORDS_FILE } from './manifest.ts';

const NEWLINE = 0x0a;

/** The whole lines of a file (a torn last line is cut off the file itself). */
function wholeLines(path: string): string[] {
  if (!existsSync(path)) return [];
  const bytes = readFileSync(path);
  const end = bytes.lastIndexOf(NEWLINE) + 1;
  if (end < bytes.length) truncateSync(path, end);
  if (end === 0) return [];
  return bytes.subarray(0, end - 1).toString('utf8').split('\n');
}

function seedOfLine(line: string, where: string): number {
  try {
    const seed: unknown = (JSON.parse(line) as { seed?: unknown }).seed;
    if (typeof seed === 'number') return seed;
  } catch {
    // Reported below with where it was found.
  }
  throw new UsageError(`${where}: not an episode record; the sweep directory is damaged (remove it and rerun)`);
}

export class EpisodeLog {
  private readonly positions = new Map<number, number>();
  private readonly held = new Map<number, string>();
  private written = 0;
  private readonly recordsFd: number;
  private readonly pendingFd: number;

  /**
   * @param slice the global indices this directory holds, in canonical order
   * @param seedAt the seed of the episode at a global index (records are checked against it)
   * @param stale global indices whose records no longer count (their inputs changed): they are
   *   dropped, the records after them in `episodes.jsonl` are held back in `pending.log` again, and
   *   those episodes run again. Each file is replaced whole (pending first), so an interrupted
   *   rewrite leaves every record at least once and a rerun finishes it.
   */
  constructor(
    private readonly dir: string,
    private readonly slice: readonly number[],
    seedAt: (index: number) => number,
    stale: ReadonlySet<number> = new Set(),
  ) {
    slice.forEach((index, position) => this.positions.set(index, position));
    const recordsPath = join(dir, RECORDS_FILE);
    const pendingPath = join(dir, PENDING_FILE);
    let lines = wholeLines(recordsPath);
    if (lines.length > slice.length) throw new UsageError(`${recordsPath}: ${lines.length} records for a sweep of ${slice.length}`);
    lines.forEach((line, position) => {
      if (seedOfLine(line, `${recordsPath}:${position + 1}`) !== seedAt(slice[position])) {
        throw new UsageError(`${recordsPath}:${position + 1}: record does not match the manifest's episode ${slice[position]}`);
      }
    });
    let pending: [number, string][] = wholeLines(pendingPath).map((entry, number) => {
      const tab = entry.indexOf('\t');
      const index = Number(entry.slice(0, tab));
      const where = `${pendingPath}:${number + 1}`;
      if (tab < 0 || !this.positions.has(index)) throw new UsageError(`${where}: not a pending record of this sweep`);
      const line = entry.slice(tab + 1);
      if (seedOfLine(line, where) !== seedAt(index)) throw new UsageError(`${where}: record does not match episode ${index}`);
      return [index, line];
    });
    const firstStale = lines.findIndex((_, position) => stale.has(slice[position]));
    if (firstStale >= 0 || pending.some(([index]) => stale.has(index))) {
      const cut = firstStale < 0 ? lines.length : firstStale;
      const heldBack = lines.slice(cut).map((line, k): [number, string] => [slice[cut + k], line]);
      pending = [...heldBack, ...pending].filter(([index]) => !stale.has(index));
      writeFileAtomic(pendingPath, pending.map(([index, line]) => `${index}\t${line}\n`).join(''));
      lines = lines.slice(0, cut);
      writeFileAtomic(recordsPath, lines.map((line) => `${line}\n`).join(''));
    }
    this.written = lines.length;
    for (const [index, line] of pending) {
      const position = this.positions.get(index) as number;
      if (position >= this.written && !this.held.has(position)) this.held.set(position, line);
    }
    this.recordsFd = openSync(recordsPath, 'a');
    this.pendingFd = openSync(pendingPath, 'a');
    this.flushHeld();
  }

  /** Global indices finished before this process started (written or pending). */
  finished(): Set<number> {
    const done = new Set<number>();
    for (let position = 0; position < this.written; position++) done.add(this.slice[position]);
    for (const position of this.held.keys()) done.add(this.slice[position]);
    return done;
  }

  /** Takes the record of a finished episode (its JSON, one line). */
  accept(index: number, line: string): void {
    const position = this.positions.get(index);
    if (position === undefined || position < this.written || this.held.has(position)) {
      throw new Error(`episode ${index} finished twice or is not in this sweep`);
    }
    if (position === this.written) {
      this.append(line);
      this.flushHeld();
    } else {
      writeSync(this.pendingFd, `${index}\t${line}\n`);
      this.held.set(position, line);
    }
  }

  /** Records written in order so far; the next one to write is at this position. */
  get writtenCount(): number {
    return this.written;
  }

  /** Where a global index of this directory's slice falls in its records file (0 is the first). */
  positionOf(index: number): number {
    const position = this.positions.get(index);
    if (position === undefined) throw new Error(`episode ${index} is not in this directory's slice`);
    return position;
  }

  get complete(): boolean {
    return this.written === this.slice.length;
  }

  /** Closes the files; once the slice is complete, the pending file has served and goes. */
  close(): void {
    closeSync(this.recordsFd);
    closeSync(this.pendingFd);
    if (this.complete) rmSync(join(this.dir, PENDING_FILE), { force: true });
  }

  private append(line: string): void {
    writeSync(this.recordsFd, `${line}\n`);
    this.written++;
  }

  private flushHeld(): void {
    let line = this.held.get(this.written);
    while (line !== undefined) {
      this.held.delete(this.written);
      this.append(line);
      line = this.held.get(this.written);
    }
  }
}
