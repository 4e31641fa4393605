/**
 * Reads a file a user named, refusing what would hang or exhaust the process before reading it: a path that
 * does not exist, anything but a regular file (a FIFO blocks a read for ever, a device never ends), and a
 * file larger than the caller's bound. Every refusal is a UsageError naming the file.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../errors.ts';

export function readUserFile(path: string, options: { maxBytes: number; encoding: 'utf8' | 'latin1'; what: string }): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not block before the type check below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: cannot read the ${options.what} (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`${path}: the ${options.what} must be a regular file`);
    if (stat.size > options.maxBytes) throw new UsageError(`${path}: the ${options.what} is ${stat.size} bytes, more than the ${options.maxBytes} allowed`);
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString(options.encoding);
  } finally {
    closeSync(fd);
  }
}
