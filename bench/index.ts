/**
 * `npm run bench [-- --json] [-- --filter <substring>]`: finds every `bench/*.bench.ts`, runs the
 * benches whose name contains the filter, one after another (a bench owns the machine while it runs),
 * and prints a table, or with `--json` one JSON object per line as each bench finishes.
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Bench, BenchResult } from './contract.ts';
import { formatTable } from './table.ts';

const BENCH_FILE = /\.bench\.ts$/;

async function loadBenches(): Promise<Bench[]> {
  const directory = new URL('.', import.meta.url);
  const files = readdirSync(directory).filter((file) => BENCH_FILE.test(file)).sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const module: { benches?: unknown } = await import(new URL(file, directory).href);
    if (!Array.isArray(module.benches)) throw new Error(`bench/${file} must export \`benches: Bench[]\``);
    benches.push(...(module.benches as Bench[]));
  }
  return benches;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, filter: { type: 'string', default: '' } },
  });
  const all = await loadBenches();
  const selected = all.filter((bench) => bench.name.includes(values.filter));
  if (selected.length === 0) {
    console.error(`no bench matches --filter ${JSON.stringify(values.filter)}; benches: ${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const results: BenchResult[] = [];
  for (const bench of selected) {
    if (!values.json) process.stderr.write(`running ${bench.name}...\n`);
    const result = await bench.run();
    results.push(result);
    if (values.json) console.log(JSON.stringify(result));
  }
  if (!values.json) console.log(formatTable(results));
  return 0;
}

process.exitCode = await main();
