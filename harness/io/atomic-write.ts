/**
 * Atomic file writes: write to a temporary file beside the target, flush it, then rename over the
 * target, so a reader (or a resumed run after a crash) sees the old file or the new one, never half.
 * A write that fails (the target is a directory, the disk is full) leaves no temporary file behind.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export function writeFileAtomic(path: string, contents: string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w');
  try {
    try {
      writeSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
