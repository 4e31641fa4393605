/**
 * Reading a file a user named (a scenario, a drill, a policy module, a LOBSTER message file, a FIX log) without
 * letting it hang or exhaust the process: only a regular file is read (a FIFO would block the read
 * forever, `/dev/zero` or a symlink to it would never end, a directory is not a file), checked on the
 * open descriptor itself so a path swapped after the check is caught too, and only up to a size
 * limit. The text must be UTF-8 without NUL bytes: a binary file is refused with the line where it
 * stops being text, rather than parsed into nonsense; FIX text (a QuickFIX log, an acceptance script) is
 * read as Latin-1 instead, one character a byte as on the wire, where any bytes are text. Problems are `InputFileError`s: a UsageError
 * whose `file` and `problem` a caller can also list among other problems of the file.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UsageError } from '../errors.ts';

export class InputFileError extends UsageError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'InputFileError';
  }
}

export interface InputFileOptions {
  /** What the file is, for messages ("scenario file"). */
  what: string;
  /** How messages name it (default: the path as given). */
  shownAs?: string;
  maxBytes: number;
  /** 'latin1': FIX text, one character a byte, not checked as text (default 'utf8', checked). */
  encoding?: 'utf8' | 'latin1';
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a part of the path is not a directory)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'a directory',
};

/** The first place the bytes stop being text: an invalid UTF-8 sequence or a NUL byte. */
function textProblem(bytes: Buffer): string | undefined {
  const text = new TextDecoder('utf-8').decode(bytes);
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = text.indexOf('\uFFFD');
    return `not UTF-8 text (an invalid byte sequence${at < 0 ? '' : ` on line ${lineAt(at)}`})`;
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return `not a text file (a NUL byte on line ${lineAt(nul)})`;
  return undefined;
}

/** The file's text; throws an InputFileError for anything but a regular UTF-8 text file within the limit. */
export function readInputFile(path: string, options: InputFileOptions): string {
  const shown = options.shownAs ?? path;
  const fail = (problem: string): never => {
    throw new InputFileError(shown, problem);
  };
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return fail(`${ERRNO_TEXT[code] ?? (error as Error).message}: expected a ${options.what}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) fail(`${kindOf(stats)}, not a ${options.what}`);
    if (stats.size > options.maxBytes) fail(`${stats.size} bytes, more than the ${options.maxBytes} a ${options.what} may hold`);
    // Read to the limit and one byte beyond: a file that grows while it is read is caught too.
    const buffer = Buffer.alloc(Math.min(stats.size, options.maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > options.maxBytes) fail(`more than the ${options.maxBytes} bytes a ${options.what} may hold`);
    const bytes = buffer.subarray(0, length);
    if (options.encoding === 'latin1') return bytes.toString('latin1');
    const problem = textProblem(bytes);
    if (problem !== undefined) fail(problem);
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}
