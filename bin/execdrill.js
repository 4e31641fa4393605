#!/usr/bin/env node
// Runs the CLI built into dist/ (`npm run build`, which `npm ci` and `npm pack` run as `prepare`).
// EXECDRILL_FROM_SOURCE=1, or a checkout not built yet, runs the TypeScript source through tsx instead;
// the project's tests do, so that they test the source as it is. From source, imports of `execdrill/...`
// resolve to the source too (the exports' `source` condition).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const built = new URL('../dist/harness/cli.js', import.meta.url);
const source = new URL('../harness/cli.ts', import.meta.url);
const fromSource = process.env.EXECDRILL_FROM_SOURCE === '1' || !existsSync(built);
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
