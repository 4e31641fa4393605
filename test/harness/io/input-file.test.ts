import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, readInputFile } from '../../../harness/io/input-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'execdrill-input-'));
const read = (name: string, maxBytes = 1_000) => readInputFile(join(dir, name), { what: 'scenario file', shownAs: name, maxBytes });
const problemOf = (name: string, maxBytes?: number): string => {
  try {
    read(name, maxBytes);
  } catch (error) {
    if (error instanceof InputFileError) return error.message;
    throw error;
  }
  throw new Error(`${name} was read`);
};

describe('readInputFile', () => {
  it('reads a regular UTF-8 file, without its byte-order mark', () => {
    writeFileSync(join(dir, 'ok.yaml'), '\uFEFFname: caf\u00e9\n');
    expect(read('ok.yaml')).toBe('name: caf\u00e9\n');
  });

  it('refuses a FIFO and a symlink to /dev/zero at once, without blocking or reading forever', () => {
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const started = performance.now();
    expect(problemOf('fifo.yaml')).toBe('fifo.yaml: a FIFO (named pipe), not a scenario file');
    expect(problemOf('zero.yaml')).toBe('zero.yaml: a character device, not a scenario file');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses a directory, a missing file and a path through a file', () => {
    mkdirSync(join(dir, 'dir.yaml'));
    writeFileSync(join(dir, 'plain'), 'x');
    expect(problemOf('dir.yaml')).toBe('dir.yaml: a directory, not a scenario file');
    expect(problemOf('missing.yaml')).toBe('missing.yaml: no such file: expected a scenario file');
    expect(problemOf('plain/inside.yaml')).toBe('plain/inside.yaml: no such file (a part of the path is not a directory): expected a scenario file');
  });

  it('refuses a file over its size limit, NUL bytes and bytes that are not UTF-8, with the line', () => {
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(2_000));
    writeFileSync(join(dir, 'nul.yaml'), 'a: 1\nb: \0\n');
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('a: 1\nb: 2\nc: caf\xe9\n', 'latin1'));
    expect(problemOf('big.yaml')).toBe('big.yaml: 2000 bytes, more than the 1000 a scenario file may hold');
    expect(problemOf('nul.yaml')).toBe('nul.yaml: not a text file (a NUL byte on line 2)');
    expect(problemOf('latin1.yaml')).toBe('latin1.yaml: not UTF-8 text (an invalid byte sequence on line 3)');
  });
});

describe('readInputFile of FIX text (latin1)', () => {
  it('reads every byte as one character, SOH and bytes above 0x7F alike, with the same refusals', () => {
    writeFileSync(join(dir, 'session.log'), Buffer.from('8=FIX.4.4\x0158=caf\xe9\x01\n', 'latin1'));
    expect(readInputFile(join(dir, 'session.log'), { what: 'QuickFIX messages log', maxBytes: 1_000, encoding: 'latin1' })).toBe('8=FIX.4.4\x0158=caf\xe9\x01\n');
    expect(() => readInputFile(join(dir, 'gone.log'), { what: 'QuickFIX messages log', maxBytes: 1_000, encoding: 'latin1' })).toThrow(
      new InputFileError(join(dir, 'gone.log'), 'no such file: expected a QuickFIX messages log'),
    );
  });
});
