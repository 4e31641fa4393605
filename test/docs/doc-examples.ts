// Examples as the docs write them, so that tests run what a reader copies: a block marked
// `<!-- example: <name> -->` (README and docs/*.md), the first fenced block after the marker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The fenced block after `<!-- example: name -->` in `file` (relative to the project root). */
export function docExample(file: string, name: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const marker = `<!-- example: ${name} -->`;
  const start = text.indexOf(marker);
  if (start < 0) throw new Error(`${file} has no ${marker}`);
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(start));
  if (block === null) throw new Error(`${file}: no fenced block after ${marker}`);
  return block[1];
}
