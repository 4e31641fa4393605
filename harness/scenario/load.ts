/**
 * Loading a scenario file: bounded, safe YAML (harness/io/yaml-source.ts: core schema, no duplicate
 * or prototype keys, alias limits), then the schema and the cross-references and limits
 * (cross-references.ts) in one pass: every problem comes back at once, as data, each with the file,
 * its line and column, the path inside it (`faults[2].at`) and what was expected; nothing throws for
 * bad input.
 */
import { createHash } from 'node:crypto';
import { InputFileError, readInputFile } from '../io/input-file.ts';
import { parsePath, parseYamlSource } from '../io/yaml-source.ts';
import { crossReferences, partsOf } from './cross-references.ts';
import { formatIssue, issuesOf, type ScenarioIssue } from './issues.ts';
import { resolveClockTimes } from './clock-times.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export { formatPath } from '../io/yaml-source.ts';
export { formatIssue, type ScenarioIssue };

export type ScenarioLoad =
  | { ok: true; file: string; scenario: Scenario; hash: string }
  | { ok: false; file: string; issues: ScenarioIssue[] };

/** A scenario is a page or two of YAML (20,000 faults take about 1 MB); a LOBSTER file it names is read on its own, with its own limit. */
export const SCENARIO_FILE_BYTES_MAX = 4 * 1024 * 1024;

const byPlace = (a: ScenarioIssue, b: ScenarioIssue) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/** Parses and validates scenario text; `file` names it in every issue. */
export function parseScenario(text: string, file: string): ScenarioLoad {
  if (text.length > SCENARIO_FILE_BYTES_MAX) return { ok: false, file, issues: [{ file, path: '', message: `more than the ${SCENARIO_FILE_BYTES_MAX} bytes a scenario file may hold` }] };
  const source = parseYamlSource(text);
  if (!source.ok) return { ok: false, file, issues: source.problems.map((problem) => ({ file, ...problem })) };
  const raw = source.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, file, issues: [{ file, path: '', message: 'expected a scenario: a YAML mapping of name, title, market, sessions, parent, ...' }] };
  if ('gates' in raw && 'scenarios' in raw) return { ok: false, file, issues: [{ file, path: '', message: 'this is a drill file (it has scenarios and gates), not a scenario: run it with execdrill drill' }] };
  // Clock times (12:00:40) become offsets from the scenario's time zero before the schema reads them.
  const clock = resolveClockTimes(raw);
  const clockIssues = clock.issues.map((issue) => ({ file, ...issue, ...(source.locate(parsePath(issue.path)) ?? {}) }));
  const resolved = clock.value as Record<string, unknown>;
  const parsed = scenarioSchema.safeParse(resolved);
  const schemaIssues = parsed.success ? [] : issuesOf(file, parsed.error.issues, scenarioSchema, resolved, source.locate);
  const references = crossReferences(file, resolved, partsOf(resolved));
  const located = references.issues.map((issue) => ({
    ...issue,
    ...(source.locate(parsePath(issue.path)) ?? {}),
  }));
  // A problem the schema already reports on the same path is not repeated.
  const seen = new Set(schemaIssues.map((issue) => `${issue.path}\n${issue.message}`));
  const issues = [...clockIssues, ...schemaIssues, ...located.filter((issue) => !seen.has(`${issue.path}\n${issue.message}`))].sort(byPlace);
  if (issues.length > 0 || !parsed.success) return { ok: false, file, issues };
  // The resolved scenario, and the content of the file it replays (a LOBSTER file edited is another scenario).
  const hash = createHash('sha256').update(JSON.stringify(parsed.data)).update(references.readsDigest ?? '').digest('hex').slice(0, 16);
  return { ok: true, file, scenario: parsed.data, hash };
}

export function loadScenarioFile(file: string): ScenarioLoad {
  let text: string;
  try {
    text = readInputFile(file, { what: 'scenario file', maxBytes: SCENARIO_FILE_BYTES_MAX });
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    return { ok: false, file, issues: [{ file, path: '', message: error.problem }] };
  }
  return parseScenario(text, file);
}
