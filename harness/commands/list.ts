/** `execdrill list scenarios|policies|metrics`: what the project ships, for people and machines. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandModule } from 'yargs';
import { PACKAGE_ROOT } from '../package-files.ts';
import { helpEpilogue } from '../sweep/options.ts';

export const SCENARIO_DIR = new URL('scenarios/', pathToFileURL(PACKAGE_ROOT));

export function bundledScenarioFiles(): string[] {
  const directory = SCENARIO_DIR.pathname;
  return readdirSync(directory)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join('scenarios', f));
}

async function rows(what: 'scenarios' | 'policies' | 'metrics'): Promise<Record<string, string>[]> {
  switch (what) {
    case 'scenarios': {
      const { loadScenarioFile } = await import('../scenario/index.ts');
      return bundledScenarioFiles().map((file) => {
        const loaded = loadScenarioFile(new URL(file.replace(/^scenarios\//, ''), SCENARIO_DIR).pathname);
        return loaded.ok
          ? { file, name: loaded.scenario.name, kind: loaded.scenario.kind, playbook: loaded.scenario.playbook ?? '', title: loaded.scenario.title }
          : { file, name: '(invalid: run execdrill validate)', kind: '', playbook: '', title: '' };
      });
    }
    case 'policies': {
      const { BUNDLED_POLICIES } = await import('../../policies/index.ts');
      return BUNDLED_POLICIES.map((p) => ({ name: p.name, version: p.version, source: p.source, summary: p.summary }));
    }
    case 'metrics': {
      const { METRIC_CATALOGUE } = await import('../metrics/index.ts');
      return METRIC_CATALOGUE.map((m) => ({ name: m.name, unit: m.unit, description: m.description }));
    }
  }
}

export const listCommand: CommandModule<object, { what: 'scenarios' | 'policies' | 'metrics'; json: boolean }> = {
  command: 'list <what>',
  describe: 'List the bundled scenarios, the policies, or the metrics an episode record carries',
  builder: (yargs) =>
    yargs
      .wrap(null)
      .positional('what', { choices: ['scenarios', 'policies', 'metrics'] as const, demandOption: true })
      .option('json', { type: 'boolean', default: false })
      .epilogue(
        helpEpilogue(
          [
            ['every bundled policy with its version and what it implements', 'execdrill list policies'],
            ['every metric of a record, with its unit (also docs/METRICS.md)', 'execdrill list metrics'],
          ],
          ['Exit codes: 0 listed, 64 bad input.'],
        ),
      ),
  handler: async (argv) => {
    const table = await rows(argv.what);
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
