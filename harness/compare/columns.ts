/**
 * Groups episode records for comparison: one group per scenario (its file, and its hash when one file
 * was run in two versions), and within it one column per policy identity (name, version, source hash)
 * and parameter setting, in the order the records first name them. Two versions of one policy are
 * therefore two columns, like two policies; so are two settings of a tuning sweep.
 *
 * A record of a crashed episode knows only the spec (no scenario hash, no policy version, only the
 * parameters the sweep set): it joins the group of its file, and the one column of its policy name whose
 * parameters agree with those it set, when there is exactly one.
 */
import type { EpisodeRecord } from '../episode/record.ts';
import { UsageError } from '../errors.ts';

export interface Column {
  label: string;
  policy: EpisodeRecord['policy'];
  /** By seed; a seed appears at most once in a column. */
  records: EpisodeRecord[];
}

export interface ScenarioGroup {
  scenario: string;
  scenarioFile: string;
  scenarioHash: string;
  columns: Column[];
}

function paramsKey(params: Record<string, number>): string {
  return Object.keys(params).sort().map((name) => `${name}=${params[name]}`).join(',');
}

function identityKey(policy: EpisodeRecord['policy']): string {
  return `${policy.name}@${policy.version}#${policy.sourceHash}`;
}

function columnKey(policy: EpisodeRecord['policy']): string {
  return `${identityKey(policy)}[${paramsKey(policy.params)}]`;
}

const isCrash = (record: EpisodeRecord) => record.scenarioHash === '' && record.policy.sourceHash === '';

/**
 * Labels say only what tells columns apart: the version when a name has several, and the parameters
 * that differ between settings of one policy version (records carry every resolved parameter, defaults
 * included, and a label listing them all would hide the one a tuning sweep varies).
 */
function label(columns: Column[]): void {
  for (const column of columns) {
    const { name, version, sourceHash, params } = column.policy;
    const sameName = columns.filter((other) => other.policy.name === name);
    const versions = new Set(sameName.map((other) => other.policy.version));
    const identities = new Set(sameName.map((other) => identityKey(other.policy)));
    let text = name;
    if (identities.size > 1) text += versions.size > 1 ? `@${version}` : `@${version}#${sourceHash.slice(0, 8)}`;
    const settings = sameName.filter((other) => identityKey(other.policy) === identityKey(column.policy));
    const varying = Object.keys(params).filter((param) => settings.some((other) => other.policy.params[param] !== params[param]));
    const setting = paramsKey(Object.fromEntries(varying.map((param) => [param, params[param]])));
    column.label = setting === '' ? text : `${text}[${setting}]`;
  }
}

/** Whether a column ran with every parameter a crashed episode's spec set. */
function agrees(column: Column, params: Record<string, number>): boolean {
  return Object.entries(params).every(([param, value]) => column.policy.params[param] === value);
}

function addRecord(columns: Map<string, Column>, key: string, record: EpisodeRecord, source: string): void {
  let column = columns.get(key);
  if (column === undefined) {
    column = { label: '', policy: record.policy, records: [] };
    columns.set(key, column);
  }
  if (column.records.some((other) => other.seed === record.seed)) {
    throw new UsageError(`${source}: a second record of ${record.scenarioFile} ${key} seed ${record.seed} (the same sweep given twice?)`);
  }
  column.records.push(record);
}

export function groupRecords(sources: ReadonlyArray<{ path: string; records: readonly EpisodeRecord[] }>): ScenarioGroup[] {
  const groups = new Map<string, { group: ScenarioGroup; columns: Map<string, Column> }>();
  const crashes: Array<{ record: EpisodeRecord; source: string }> = [];
  for (const { path, records } of sources) {
    for (const record of records) {
      if (isCrash(record)) {
        crashes.push({ record, source: path });
        continue;
      }
      const key = `${record.scenarioFile}#${record.scenarioHash}`;
      let entry = groups.get(key);
      if (entry === undefined) {
        entry = { group: { scenario: record.scenario, scenarioFile: record.scenarioFile, scenarioHash: record.scenarioHash, columns: [] }, columns: new Map() };
        groups.set(key, entry);
      }
      addRecord(entry.columns, columnKey(record.policy), record, path);
    }
  }
  for (const { record, source } of crashes) {
    const candidates = [...groups.values()].filter((entry) => entry.group.scenarioFile === record.scenarioFile);
    let entry = candidates.length === 1 ? candidates[0] : undefined;
    if (entry === undefined) {
      const key = `${record.scenarioFile}#`;
      entry = groups.get(key) ?? { group: { scenario: record.scenario, scenarioFile: record.scenarioFile, scenarioHash: '', columns: [] }, columns: new Map() };
      groups.set(key, entry);
    }
    const matches = [...entry.columns.entries()].filter(([, column]) => column.policy.name === record.policy.name && agrees(column, record.policy.params));
    addRecord(entry.columns, matches.length === 1 ? matches[0][0] : columnKey(record.policy), record, source);
  }
  return [...groups.values()].map(({ group, columns }) => {
    group.columns = [...columns.values()];
    for (const column of group.columns) column.records.sort((a, b) => a.seed - b.seed);
    label(group.columns);
    return group;
  });
}

/** The columns a name picks: the one whose label it is, or else every column of that policy name. */
export function columnsNamed(group: ScenarioGroup, name: string): Column[] {
  const exact = group.columns.filter((column) => column.label === name);
  return exact.length > 0 ? exact : group.columns.filter((column) => column.policy.name === name);
}
