/**
 * Drill files (YAML). A drill names what to run and what must hold:
 *
 *   name: fix-resend                  # optional; default: the file's name
 *   scenarios: [../scenarios/fix-resend.yaml]
 *   policies: [naive, gap-recovery]
 *   params:                           # optional: { <policy, or "*" for all>: { <param>: [values] } }
 *     gap-recovery: { confidenceThreshold: [0.8, 0.9] }
 *   seeds: 1..200                     # or a list: [1, 2, 3]; the first look of a drill that adds seeds
 *   maxSeeds: 96                      # optional: add seeds (2x, 4x ... the first look, and each gate's floor) to an undecided gate, up to this many
 *   timeBudget: 150s                  # optional: add no look that would end after this long (sequential-drill.ts)
 *   workers: 2                        # optional; default: all cores
 *   out: ../results/drill-fix-resend
 *   runner: ...                       # optional episode runner module; default: the project's
 *   baseline: naive                   # optional; the comparison table's baseline (default naive)
 *   level: 0.95                       # optional; default confidence of gates and intervals
 *   resamples: 2000                   # optional; bootstrap resamples
 *   bootstrapSeed: 1                  # optional; seed of the bootstrap streams
 *   gates: [...]                      # see gate-grammar.ts
 *   views: [{ synthetic, log | imported, live, seeds, tolerance }]   # optional: incident-views.ts
 *
 * Paths are relative to the drill file. Every problem is reported at once, each with the file and
 * the path inside it (`gates[2].max`).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import type { CompareOptions } from '../compare/comparison.ts';
import { policyReferenceProblem } from '../episode/policy-loader.ts';
import { isPolicyModulePath } from '../episode/record.ts';
import { UsageError } from '../errors.ts';
import { InputFileError, readInputFile } from '../io/input-file.ts';
import { parsePath, parseYamlSource, type Place } from '../io/yaml-source.ts';
import { formatIssue, loadScenarioFile } from '../scenario/index.ts';
import { issuesOf } from '../scenario/issues.ts';
import { RESAMPLES_MAX } from '../compare/comparison.ts';
import { paramAxis, type ParamAxis } from '../sweep/params.ts';
import type { SweepRequest } from '../sweep/plan.ts';
import { MAX_SEEDS, parseSeeds, requireSeedList } from '../sweep/seeds.ts';
import { parseDurationMs } from '../sweep/options.ts';
import type { Gate } from './gate.ts';
import { buildGate, knownPolicy, type DrillIssue } from './gate-grammar.ts';
import type { IncidentViewSpec } from './incident-views.ts';

const drillSchema = z
  .object({
    name: z.string().min(1).optional(),
    scenarios: z.array(z.string().min(1)).min(1),
    policies: z.array(z.string().min(1)).min(1),
    params: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.array(z.number()).min(1)]))).optional(),
    seeds: z.union([z.string(), z.number().int().nonnegative(), z.array(z.number().int().nonnegative()).min(1)]),
    maxSeeds: z.number().int().min(2).max(MAX_SEEDS).optional(),
    timeBudget: z.string().min(1).optional(),
    workers: z.number().int().min(1).optional(),
    out: z.string().min(1),
    runner: z.string().min(1).optional(),
    baseline: z.string().min(1).optional(),
    level: z.number().gt(0).lt(1).optional(),
    resamples: z.number().int().min(100).max(RESAMPLES_MAX).optional(),
    bootstrapSeed: z.number().int().optional(),
    gates: z.array(z.unknown()).min(1),
    views: z
      .array(
        z
          .object({
            name: z.string().min(1).optional(),
            synthetic: z.string().min(1).optional(),
            imported: z.string().min(1).optional(),
            log: z.string().min(1).optional(),
            live: z.string().min(1).optional(),
            seeds: z.union([z.string(), z.number().int().nonnegative(), z.array(z.number().int().nonnegative()).min(1)]).optional(),
            tolerance: z.number().min(0).max(1).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** A drill file is a page of YAML. */
const DRILL_FILE_BYTES_MAX = 1024 * 1024;

/** A drill file that cannot run: every problem at once, and where its junit.xml should say so. */
export class DrillFileError extends UsageError {
  constructor(
    readonly file: string,
    readonly problems: string[],
    /** The output directory the file names (relative to the working directory), when it parses. */
    readonly out: string | undefined,
  ) {
    super(`${file} is not a valid drill file:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'DrillFileError';
  }
}

export interface Drill {
  file: string;
  name: string;
  request: SweepRequest;
  out: string;
  workers: number | null;
  /** Relative to the working directory, as `--runner` takes it; null for the default runner. */
  runner: string | null;
  compare: CompareOptions;
  gates: Gate[];
  /** One incident, three views: simulated session KPIs against a real engine's (incident-views.ts). */
  views: IncidentViewSpec[];
  /** Null: the drill's seeds are its only look. */
  maxSeeds: number | null;
  timeBudgetMs: number | null;
}


type Located = DrillIssue & Partial<Place>;

/** Why a path the drill names as a file is not one: missing, or a directory (which no runner can read as a scenario). */
function notAFile(path: string): string | undefined {
  if (!existsSync(path)) return `no such file: ${path}`;
  return statSync(path).isFile() ? undefined : `${path} is not a file`;
}

const formatDrillIssue = (file: string, issue: Located) => formatIssue({ file, path: issue.path, message: issue.message, line: issue.line, column: issue.column });

function read(file: string): { raw: Record<string, unknown>; locate: (path: string) => Partial<Place> } {
  let text: string;
  try {
    text = readInputFile(file, { what: 'drill file', maxBytes: DRILL_FILE_BYTES_MAX });
  } catch (error) {
    if (error instanceof InputFileError) throw new DrillFileError(file, [error.message], undefined);
    throw error;
  }
  const source = parseYamlSource(text);
  if (!source.ok) throw new DrillFileError(file, source.problems.map((problem) => formatDrillIssue(file, problem)), undefined);
  const raw = source.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new DrillFileError(file, [`${file}: expected a drill: a YAML mapping of scenarios, policies, seeds, out and gates`], undefined);
  return { raw: raw as Record<string, unknown>, locate: (path) => (path === '' ? {} : (source.locate(parsePath(path), 'key') ?? {})) };
}

function collect<T>(issues: DrillIssue[], path: string, build: () => T): T | null {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    issues.push({ path, message: error.message.replace(/^[^:]*: /, '') });
    return null;
  }
}

/** Parameter axes, keyed in the file by a policy as written there; each axis names the policy as resolved. */
function paramAxes(params: Record<string, Record<string, number | number[]>>, written: string[], policies: string[], issues: DrillIssue[]): ParamAxis[] {
  const axes: ParamAxis[] = [];
  for (const [policy, settings] of Object.entries(params)) {
    const at = written.indexOf(policy);
    if (policy !== '*' && at < 0) issues.push({ path: `params.${policy}`, message: `${policy} is not one of the drill's policies` });
    for (const [name, values] of Object.entries(settings)) {
      const axis = collect(issues, `params.${policy}.${name}`, () => paramAxis(policy === '*' ? null : (policies[at] ?? policy), name, Array.isArray(values) ? values : [values], name));
      if (axis !== null) axes.push(axis);
    }
  }
  return axes;
}

type ViewFields = NonNullable<z.output<typeof drillSchema.shape.views>>[number];

/** The drill's incident views, their paths from the working directory: each needs a simulated view and something to set it against. */
function incidentViewSpecs(written: ViewFields[], fromCwd: (path: string) => string, issues: DrillIssue[]): IncidentViewSpec[] {
  return written.flatMap((view, i) => {
    const at = `views[${i}]`;
    const path = (key: 'synthetic' | 'imported' | 'log' | 'live') => {
      const value = view[key];
      if (value === undefined) return null;
      const file = fromCwd(value);
      const problem = notAFile(file);
      if (problem !== undefined) issues.push({ path: `${at}.${key}`, message: `${problem} (paths are relative to the drill file)` });
      return file;
    };
    const spec = { synthetic: path('synthetic'), imported: path('imported'), log: path('log'), live: path('live') };
    if (spec.imported !== null && spec.log !== null) issues.push({ path: `${at}.imported`, message: 'give imported (a scenario file) or log (a QuickFIX log, imported as the drill runs), not both' });
    if (spec.synthetic === null && spec.imported === null && spec.log === null) issues.push({ path: at, message: 'give synthetic, imported or log: a scenario to simulate' });
    if (spec.live === null && spec.log === null) issues.push({ path: at, message: 'give live (a chaos-proxy verdict.json) or log (a QuickFIX messages log): what the real engine did' });
    const seeds = view.seeds === undefined ? [1, 2, 3] : collect(issues, `${at}.seeds`, () => (typeof view.seeds === 'string' ? parseSeeds(view.seeds, 'seeds') : requireSeedList(typeof view.seeds === 'number' ? [view.seeds] : (view.seeds as number[]), 'seeds')));
    if (seeds === null) return [];
    const namedBy = spec.live ?? spec.log ?? spec.imported ?? spec.synthetic;
    const name = view.name ?? (namedBy === null ? `view-${i + 1}` : basename(namedBy, extname(namedBy)));
    return [{ name, ...spec, seeds, tolerance: view.tolerance ?? 0.1 }];
  });
}

/**
 * Reads and checks a drill file: its own fields, its gates, and the scenario files and policies it
 * names, every problem at once. Paths in it (scenarios, policy modules, out, runner) are relative to
 * the drill file and become paths from the working directory.
 */
export function loadDrill(file: string): Drill {
  const { raw, locate } = read(file);
  const issues: DrillIssue[] = [];
  const parsed = drillSchema.safeParse(raw);
  if (!parsed.success) issues.push(...issuesOf(file, parsed.error.issues, drillSchema, raw, () => undefined));
  const field = <K extends keyof typeof drillSchema.shape>(key: K): z.output<(typeof drillSchema.shape)[K]> | undefined => {
    const result = drillSchema.shape[key].safeParse(raw[key]);
    return result.success ? (result.data as z.output<(typeof drillSchema.shape)[K]>) : undefined;
  };
  const here = dirname(file);
  // Paths under the working directory stay relative (records then read the same on every machine).
  const fromCwd = (path: string) => {
    const absolute = resolve(here, path);
    const fromHere = relative(process.cwd(), absolute);
    return fromHere.startsWith('..') || isAbsolute(fromHere) ? absolute : fromHere || '.';
  };
  const runnerOption = field('runner');
  const runner = runnerOption === undefined ? null : fromCwd(runnerOption);
  const runnerProblem = runner === null ? undefined : notAFile(runner);
  if (runnerProblem !== undefined) issues.push({ path: 'runner', message: runnerProblem });
  const scenarios = (field('scenarios') ?? []).map(fromCwd);
  scenarios.forEach((scenario, i) => {
    const problem = notAFile(scenario);
    if (problem !== undefined) issues.push({ path: `scenarios[${i}]`, message: problem });
    // Another runner reads scenario files of its own making; the project's runner reads these.
    else if (runner === null) {
      const loaded = loadScenarioFile(scenario);
      if (!loaded.ok) for (const problem of loaded.issues) issues.push({ path: `scenarios[${i}]`, message: formatIssue(problem) });
    }
  });
  const written = field('policies') ?? [];
  const policies = written.map((policy) => (isPolicyModulePath(policy) ? fromCwd(policy) : policy));
  if (runner === null) {
    written.forEach((policy, i) => {
      const problem = policyReferenceProblem(policy, policies[i], 'policy paths are relative to the drill file');
      if (problem !== undefined) issues.push({ path: `policies[${i}]`, message: problem });
    });
  }
  const seedsField = field('seeds');
  const seeds = seedsField === undefined ? null : collect(issues, 'seeds', () => (typeof seedsField === 'string' ? parseSeeds(seedsField, 'seeds') : requireSeedList(typeof seedsField === 'number' ? [seedsField] : seedsField, 'seeds')));
  const params = paramAxes(field('params') ?? {}, written, policies, issues);
  const maxSeeds = field('maxSeeds') ?? null;
  if (maxSeeds !== null && seeds !== null && maxSeeds < seeds.length) issues.push({ path: 'maxSeeds', message: `${maxSeeds} is fewer than the ${seeds.length} seeds of the first look` });
  const budgetField = field('timeBudget');
  const budget = budgetField === undefined ? null : parseDurationMs(budgetField);
  if (budget !== null && 'problem' in budget) issues.push({ path: 'timeBudget', message: budget.problem });
  const baseline = field('baseline');
  // Another name would leave every table without its differences, and no gate would say so.
  if (baseline !== undefined && !knownPolicy(baseline, written)) issues.push({ path: 'baseline', message: `${baseline} is not one of the drill's policies (${written.join(', ')})` });
  const level = field('level') ?? 0.95;
  const gates = (field('gates') ?? [])
    .map((gate, i) => buildGate(gate, `gates[${i}]`, { file, level, policies: written }, issues))
    .filter((gate): gate is Gate => gate !== null);
  const views = incidentViewSpecs(field('views') ?? [], fromCwd, issues);
  const outField = field('out');
  const out = outField === undefined ? undefined : fromCwd(outField);
  if (issues.length > 0 || !parsed.success || seeds === null || out === undefined) {
    throw new DrillFileError(file, issues.map((issue) => formatDrillIssue(file, { ...issue, ...locate(issue.path) })), out);
  }
  const data = parsed.data;
  return {
    file,
    name: data.name ?? basename(file, extname(file)),
    request: { scenarios, policies, params, seeds, shadowPolicy: null },
    out,
    workers: data.workers ?? null,
    runner,
    compare: { baseline: baseline ?? 'naive', objective: 'p95', level, resamples: data.resamples ?? 2000, seed: data.bootstrapSeed ?? 1 },
    gates,
    views,
    maxSeeds,
    timeBudgetMs: budget !== null && 'ms' in budget ? budget.ms : null,
  };
}
