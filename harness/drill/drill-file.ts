/**
 * Drill files (YAML). A drill names what to run and what must hold:
 *
 *   name: fix-resend                  # optional; default: the file's name
 *   scenarios: [../scenarios/fix-resend.yaml]
 *   policies: [naive, gap-recovery]
 *   params:                           # optional: { <policy, or "*" for all>: { <param>: [values] } }
 *     gap-recovery: { confidenceThreshold: [0.8, 0.9] }
 *   seeds: 1..200                     # or a list: [1, 2, 3]
 *   workers: 2                        # optional; default: all cores
 *   out: ../results/drill-fix-resend
 *   runner: ...                       # optional episode runner module; default: the project's
 *   baseline: naive                   # optional; the comparison table's baseline (default naive)
 *   level: 0.95                       # optional; default confidence of gates and intervals
 *   resamples: 2000                   # optional; bootstrap resamples
 *   bootstrapSeed: 1                  # optional; seed of the bootstrap streams
 *   gates: [...]                      # see gate-grammar.ts
 *
 * Paths are relative to the drill file. Every problem is reported at once, each with the file and
 * the path inside it (`gates[2].max`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { CompareOptions } from '../compare/comparison.ts';
import { UsageError } from '../errors.ts';
import { formatPath } from '../scenario/index.ts';
import { paramAxis, type ParamAxis } from '../sweep/params.ts';
import type { SweepRequest } from '../sweep/plan.ts';
import { parseSeeds, requireSeedList } from '../sweep/seeds.ts';
import type { Gate } from './gate.ts';
import { buildGate, type DrillIssue } from './gate-grammar.ts';

const drillSchema = z
  .object({
    name: z.string().min(1).optional(),
    scenarios: z.array(z.string().min(1)).min(1),
    policies: z.array(z.string().min(1)).min(1),
    params: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.array(z.number()).min(1)]))).optional(),
    seeds: z.union([z.string(), z.number().int().nonnegative(), z.array(z.number().int().nonnegative()).min(1)]),
    workers: z.number().int().min(1).optional(),
    out: z.string().min(1),
    runner: z.string().min(1).optional(),
    baseline: z.string().min(1).optional(),
    level: z.number().gt(0).lt(1).optional(),
    resamples: z.number().int().min(100).optional(),
    bootstrapSeed: z.number().int().optional(),
    gates: z.array(z.unknown()).min(1),
  })
  .strict();

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
}

function fail(file: string, issues: DrillIssue[]): never {
  throw new UsageError(`${file} is not a valid drill file:\n${issues.map((issue) => `  ${file}: ${issue.path || '(file)'}: ${issue.message}`).join('\n')}`);
}

function readYaml(file: string): unknown {
  if (!existsSync(file)) throw new UsageError(`${file}: no such drill file`);
  const document = parseDocument(readFileSync(file, 'utf8'), { schema: 'core', strict: true, uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    fail(
      file,
      problems.map((problem) => ({ path: problem.linePos ? `line ${problem.linePos[0].line}` : '', message: problem.message.split('\n')[0] })),
    );
  }
  return document.toJS({ maxAliasCount: 100 }) ?? {};
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

function paramAxes(params: Record<string, Record<string, number | number[]>>, policies: string[], issues: DrillIssue[]): ParamAxis[] {
  const axes: ParamAxis[] = [];
  for (const [policy, settings] of Object.entries(params)) {
    if (policy !== '*' && !policies.includes(policy)) issues.push({ path: `params.${policy}`, message: `${policy} is not one of the drill's policies` });
    for (const [name, values] of Object.entries(settings)) {
      const axis = collect(issues, `params.${policy}.${name}`, () => paramAxis(policy === '*' ? null : policy, name, Array.isArray(values) ? values : [values], name));
      if (axis !== null) axes.push(axis);
    }
  }
  return axes;
}

/** Reads and checks a drill file; paths in it become paths from the working directory. */
export function loadDrill(file: string): Drill {
  const parsed = drillSchema.safeParse(readYaml(file));
  if (!parsed.success) {
    fail(
      file,
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown key (a typo?)' }))
          : [{ path: formatPath(issue.path), message: issue.message }],
      ),
    );
  }
  const raw = parsed.data;
  const issues: DrillIssue[] = [];
  const here = dirname(file);
  // Paths under the working directory stay relative (records then read the same on every machine).
  const fromCwd = (path: string) => {
    const absolute = resolve(here, path);
    const fromHere = relative(process.cwd(), absolute);
    return fromHere.startsWith('..') || isAbsolute(fromHere) ? absolute : fromHere || '.';
  };
  const scenarios = raw.scenarios.map(fromCwd);
  scenarios.forEach((scenario, i) => existsSync(scenario) || issues.push({ path: `scenarios[${i}]`, message: `no such file: ${scenario}` }));
  const seeds = collect(issues, 'seeds', () =>
    typeof raw.seeds === 'string' ? parseSeeds(raw.seeds, 'seeds') : requireSeedList(typeof raw.seeds === 'number' ? [raw.seeds] : raw.seeds, 'seeds'),
  );
  const params = paramAxes(raw.params ?? {}, raw.policies, issues);
  const runner = raw.runner === undefined ? null : fromCwd(raw.runner);
  if (runner !== null && !existsSync(runner)) issues.push({ path: 'runner', message: `no such file: ${runner}` });
  const level = raw.level ?? 0.95;
  const gates = raw.gates
    .map((gate, i) => buildGate(gate, `gates[${i}]`, { file, level, policies: raw.policies }, issues))
    .filter((gate): gate is Gate => gate !== null);
  if (issues.length > 0 || seeds === null) fail(file, issues);
  return {
    file,
    name: raw.name ?? basename(file, extname(file)),
    request: { scenarios, policies: raw.policies, params, seeds, shadowPolicy: null },
    out: fromCwd(raw.out),
    workers: raw.workers ?? null,
    runner,
    compare: { baseline: raw.baseline ?? 'naive', objective: 'p95', level, resamples: raw.resamples ?? 2000, seed: raw.bootstrapSeed ?? 1 },
    gates,
  };
}
