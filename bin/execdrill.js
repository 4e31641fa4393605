#!/usr/bin/env node
// Runs the CLI built into dist/ (`npm run build`, which `npm ci` and `npm pack` run as `prepare`).
// The TypeScript source runs instead, through tsx, when EXECDRILL_FROM_SOURCE=1 (the project's tests set it,
// so that they test the source as it is), or in a checkout whose source is newer than its build (with a note
// on stderr: a stale build would run code that is no longer there). From source, imports of `execdrill/...`
// resolve to the source too (the exports' `source` condition).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { register } from 'node:module';

const root = new URL('../', import.meta.url);
const built = new URL('dist/harness/cli.js', root);
const source = new URL('harness/cli.ts', root);

/** Whether any module of the checkout changed after the build (about 10 ms for its 330 files). */
function sourceNewerThanBuild() {
  const builtAt = statSync(built).mtimeMs;
  return ['sim', 'venues', 'policies', 'harness'].some((dir) =>
    readdirSync(new URL(`${dir}/`, root), { recursive: true }).some((file) => /\.(ts|js)$/.test(file) && statSync(new URL(`${dir}/${file}`, root)).mtimeMs > builtAt),
  );
}

let fromSource = process.env.EXECDRILL_FROM_SOURCE === '1' || !existsSync(built);
if (!fromSource && existsSync(source) && sourceNewerThanBuild()) {
  process.stderr.write('execdrill: the source is newer than dist/, so it runs from source (slower to start); `npm run build` to rebuild\n');
  fromSource = true;
}
if (fromSource && !existsSync(source)) {
  process.stderr.write('execdrill: neither dist/harness/cli.js nor harness/cli.ts is here: run `npm run build`\n');
  process.exit(70);
}
if (fromSource) {
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  register('data:text/javascript,export function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "source"] }); }');
}
const { main } = await import(fromSource ? source.href : built.href);
process.exitCode = await main(process.argv.slice(2));
