/**
 * The generated pages of docs/: METRICS.md from the metric catalogue, PLAYBOOKS.md from the playbooks and the
 * bundled scenarios. `npm run docs` writes them (write-docs.ts); a test holds the files on disk to these.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-files.ts';
import { loadScenarioFile } from '../scenario/index.ts';
import { metricsMarkdown } from './metrics-doc.ts';
import { playbooksMarkdown } from './playbooks-doc.ts';

export function docsFiles(): Record<string, string> {
  const files = readdirSync(join(PACKAGE_ROOT, 'scenarios')).filter((file) => file.endsWith('.yaml')).sort();
  const scenarios = files.flatMap((file) => {
    const loaded = loadScenarioFile(join(PACKAGE_ROOT, 'scenarios', file));
    return loaded.ok && loaded.scenario.playbook !== undefined ? [{ file: `scenarios/${file}`, title: loaded.scenario.title, playbook: loaded.scenario.playbook }] : [];
  });
  return { 'docs/METRICS.md': metricsMarkdown(), 'docs/PLAYBOOKS.md': playbooksMarkdown(scenarios) };
}
