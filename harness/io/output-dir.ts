/**
 * Where a command writes: output directories made one level at a time, and file-system errors on a
 * path a user named turned into one line that says what went wrong there. Node's own recursive mkdir
 * spins forever at 100% CPU under /proc (mkdir there fails with ENOENT, which it takes for a missing
 * parent and retries), so this never asks it to.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'a read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'it exists and is not a directory',
  EISDIR: 'it is a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
  // mkdir under /proc or /sys: the file system has no such entries to make.
  ENOENT: 'no such file or directory (or a file system that does not allow it there)',
};

/** Whether a thrown value is a file-system error of a system call (it has an errno code and a path). */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string' && typeof e.path === 'string';
}

/** A file-system error in words: what failed, where, and why. */
export function describeFileSystemError(error: NodeJS.ErrnoException & { path: string }): string {
  const reason = REASONS[error.code ?? ''] ?? error.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '');
  const dest = (error as { dest?: string }).dest;
  // An atomic write's rename onto its target: the target is what the user named.
  if (error.syscall === 'rename' && dest !== undefined && /\.tmp-\d+$/.test(error.path)) return `cannot write ${dest}: ${reason} (${error.code})`;
  const target = dest === undefined ? error.path : `${error.path} -> ${dest}`;
  return `cannot ${error.syscall} ${target}: ${reason} (${error.code})`;
}

/** Makes `dir` and its missing parents, one at a time; any failure is a UsageError naming `option` and the path. */
export function makeOutputDir(dir: string, option: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${option} ${dir}: ${isFileSystemError(error) ? describeFileSystemError(error) : String(error)}`);
      missing.unshift(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
      continue;
    }
    if (!isDirectory) throw new UsageError(`${option} ${dir}: ${current} is a file, not a directory`);
    break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(path).isDirectory()) continue;
      throw new UsageError(`${option} ${dir}: ${isFileSystemError(error) ? describeFileSystemError(error) : String(error)}`);
    }
  }
}

/** Whether two paths name one existing file, whatever the spelling (a symlink, `a/../a`): an output must not be one of the inputs. */
export function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
