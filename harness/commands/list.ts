/** `execdrill list scenarios|policies|metrics|limits`: what the project ships, for people and machines. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { BUNDLED_POLICIES } from '../../policies/index.ts';
import { METRIC_CATALOGUE } from '../metrics/index.ts';
import { formatDuration } from '../../sim/index.ts';
import { loadScenarioFile } from '../scenario/index.ts';
import { SCENARIO_LIMITS } from '../scenario/limits.ts';

export const SCENARIO_DIR = new URL('../../scenarios/', import.meta.url);

export function bundledScenarioFiles(): string[] {
  const directory = SCENARIO_DIR.pathname;
  return readdirSync(directory)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join('scenarios', f));
}

type What = 'scenarios' | 'policies' | 'metrics' | 'limits';

function rows(what: What): Record<string, string>[] {
  switch (what) {
    case 'scenarios':
      return bundledScenarioFiles().map((file) => {
        const loaded = loadScenarioFile(new URL(file.replace(/^scenarios\//, ''), SCENARIO_DIR).pathname);
        return loaded.ok
          ? { file, name: loaded.scenario.name, kind: loaded.scenario.kind, seed: loaded.scenario.seedDocument ?? '', title: loaded.scenario.title }
          : { file, name: '(invalid: run execdrill validate)', kind: '', seed: '', title: '' };
      });
    case 'policies':
      return BUNDLED_POLICIES.map((p) => ({ name: p.name, version: p.version, source: p.source, summary: p.summary }));
    case 'metrics':
      return METRIC_CATALOGUE.map((m) => ({ name: m.name, unit: m.unit, description: m.description }));
    case 'limits':
      return Object.entries(SCENARIO_LIMITS).map(([name, spec]) => ({
        name: `limits.${name}`,
        default: spec.unit === 'ns' ? formatDuration(spec.default) : `${spec.default} ${spec.unit}`,
        limits: spec.description,
      }));
  }
}

export const listCommand: CommandModule<object, { what: What; json: boolean }> = {
  command: 'list <what>',
  describe: 'List the bundled scenarios, the policies, the metrics an episode record carries, or the limits a scenario is checked against',
  builder: (yargs) =>
    yargs
      .positional('what', { choices: ['scenarios', 'policies', 'metrics', 'limits'] as const, demandOption: true })
      .option('json', { type: 'boolean', default: false })
      .example('$0 list policies', 'every bundled policy with its version and what it implements')
      .example('$0 list limits', "the scenario limits and their defaults (a scenario raises one in its limits: block)"),
  handler: (argv) => {
    const table = rows(argv.what);
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(table)}\n`);
      return;
    }
    const columns = Object.keys(table[0] ?? {});
    const widths = columns.map((c) => Math.min(48, Math.max(c.length, ...table.map((r) => r[c].length))));
    const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
    process.stdout.write(`${[line(columns), ...table.map((r) => line(columns.map((c) => r[c])))].join('\n')}\n`);
  },
};
