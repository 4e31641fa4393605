/**
 * Property-based regression tests for a policy: `checkPolicy` runs the policy through whole episodes
 * (incident, control, oracle) under generated scenarios and seeds, and requires every invariant to hold,
 * every episode to finish, and the user's own property to hold on each episode record. On a failure
 * fast-check shrinks the case to a minimal failing incident; the thrown PolicyPropertyFailure prints it
 * as a scenario file (also written to disk, so `execdrill validate` and `execdrill run` take it) and the
 * command that replays it. Episodes run on a worker thread under the watchdog, so `checkPolicy` is
 * async and a vitest test awaits it; a few cases are run twice first, to catch a nondeterministic policy.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { invariant } from '../../sim/index.ts';
import { UsageError } from '../errors.ts';
import type { EpisodeRecord, EpisodeSpec } from '../episode/record.ts';
import { replayCommand } from '../episode/run-episode.ts';
import { EpisodeRunner } from '../sweep/one-episode.ts';
import { formatIssue, parseScenario } from '../scenario/index.ts';
import { scenarioArbitrary, scenarioYaml, type GeneratedScenario } from './scenario-arbitrary.ts';

export interface CheckPolicyOptions {
  /** The incidents to try (default: scenarioArbitrary()). */
  scenarios?: fc.Arbitrary<GeneratedScenario>;
  /** Episode seeds to try with them (default: 1..10000; the seed drives the market and fault timing). */
  seeds?: fc.Arbitrary<number>;
  /** The user's own property of one episode record: false or a throw is a failure. */
  property?: (record: EpisodeRecord) => boolean | void;
  /** Policy parameter overrides, as `execdrill run --param`. */
  params?: Record<string, number>;
  /** Cases to try (default 20; each is one episode, a few tenths of a second). */
  numRuns?: number;
  /** fast-check's seed: the same seed tries the same cases (default 1, so CI is reproducible). */
  seed?: number;
  /** Where the minimal failing scenario is written (default results/property-failures). */
  outDir?: string;
}

export interface CheckPolicyReport {
  policy: string;
  numRuns: number;
  seed: number;
}

/** A property failed; the message holds the minimal failing scenario as YAML and its replay command. */
export class PolicyPropertyFailure extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly scenarioFile: string,
    readonly scenarioYaml: string,
    readonly replay: string,
    readonly record: EpisodeRecord,
  ) {
    super(message);
    this.name = 'PolicyPropertyFailure';
  }
}

/** Why a record fails the check, or null when it passes. */
function failureReason(record: EpisodeRecord, property: CheckPolicyOptions['property']): string | null {
  if (record.status === 'failed') return `episode failed (${record.error?.kind}): ${record.error?.message.split('\n')[0]}`;
  const violated = record.invariants.find((result) => !result.ok);
  if (violated !== undefined) return `invariant ${violated.name} violated${violated.detail ? `: ${violated.detail}` : ''}`;
  if (property === undefined) return null;
  try {
    return property(record) === false ? 'the property returned false' : null;
  } catch (error) {
    return `the property threw: ${(error as Error).message}`;
  }
}

const contentHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/** Writes a scenario under `dir`, named by its content (so the episode runner's scenario cache stays right). */
function writeScenario(dir: string, yaml: string, prefix: string): string {
  const file = join(dir, `${prefix}-${contentHash(yaml)}.yaml`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, yaml);
  const check = parseScenario(yaml, file);
  invariant(check.ok, () => `a generated scenario does not validate:\n${check.ok ? '' : check.issues.map(formatIssue).join('\n')}`);
  return file;
}

const METRICS_SHOWN = ['IS_BPS', 'IS_FO_BPS', 'COMPLETION', 'FAULTS'];

function failureMessage(policy: string, reason: string, details: fc.RunDetails<[GeneratedScenario, number]>, file: string, yaml: string, replay: string, record: EpisodeRecord): string {
  const shown = (value: number | null | undefined) => (typeof value === 'number' ? String(+value.toFixed(4)) : '-');
  const metrics = record.status === 'ok' ? `; ${METRICS_SHOWN.map((name) => `${name}=${shown(record.metrics[name])}`).join(' ')}` : '';
  return [
    `checkPolicy(${policy}): ${reason}`,
    `after ${details.numRuns} case(s), shrunk ${details.numShrinks} time(s) (fast-check seed ${details.seed}, path "${details.counterexamplePath}")${metrics}`,
    `minimal failing incident, written to ${file}:`,
    '',
    yaml.trimEnd(),
    '',
    `replay: ${replay}`,
  ].join('\n');
}

/** Cases run twice before the property check: a policy that decides by Math.random, Date or state kept between episodes gives two traces. */
const DETERMINISM_CASES = 3;

/**
 * Runs `policy` (a bundled name or a path to a user's policy module) under generated incidents; resolves
 * when every case passes, rejects with a PolicyPropertyFailure (shrunk) when one does not, or when the
 * same episode run twice gave two traces. Episodes run on a watched worker thread (as `execdrill run`
 * does), so a policy that loops or exits fails its case instead of hanging the test.
 */
export async function checkPolicy(policy: string, options: CheckPolicyOptions = {}): Promise<CheckPolicyReport> {
  const numRuns = options.numRuns ?? 20;
  const seed = options.seed ?? 1;
  const params = options.params ?? {};
  const prefix = basename(policy).replace(/\.(ts|js|mjs)$/, '');
  const scratch = mkdtempSync(join(tmpdir(), 'execdrill-check-'));
  const outDir = options.outDir ?? join('results', 'property-failures');
  const scenarios = options.scenarios ?? scenarioArbitrary();
  const seeds = options.seeds ?? fc.integer({ min: 1, max: 10_000 });
  const spec = (scenarioFile: string, episodeSeed: number): EpisodeSpec => ({ scenarioFile, policy, params, seed: episodeSeed });
  const runner = await EpisodeRunner.start();
  const runCase = async (scenario: GeneratedScenario, episodeSeed: number) => {
    const record = await runner.run(spec(writeScenario(scratch, scenarioYaml(scenario), prefix), episodeSeed));
    // A policy that cannot be loaded (or an unknown name, or a parameter it lacks) fails every case alike: say so at once.
    if (record.error?.kind === 'bad-input') throw new UsageError(`checkPolicy(${policy}): ${record.error.message}`);
    return record;
  };
  try {
    for (const [scenario, episodeSeed] of fc.sample(fc.tuple(scenarios, seeds), { numRuns: Math.min(DETERMINISM_CASES, numRuns), seed })) {
      const [first, second] = [await runCase(scenario, episodeSeed), await runCase(scenario, episodeSeed)];
      if (first.traceHash === second.traceHash) continue;
      const yaml = scenarioYaml(scenario, `Found by checkPolicy(${policy}): two runs of one episode differ.`);
      const file = writeScenario(outDir, yaml, prefix);
      const replay = replayCommand(spec(file, episodeSeed));
      const reason = `the policy is not deterministic: the same episode run twice gave trace ${first.traceHash.slice(0, 12) || '(none)'} and ${second.traceHash.slice(0, 12) || '(none)'} (does it read Math.random, Date, or state kept between episodes?)`;
      throw new PolicyPropertyFailure([`checkPolicy(${policy}): ${reason}`, `the episode, written to ${file}:`, '', yaml.trimEnd(), '', `replay: ${replay}`].join('\n'), reason, file, yaml, replay, second);
    }
    const cases = fc.asyncProperty(scenarios, seeds, async (scenario, episodeSeed) => failureReason(await runCase(scenario, episodeSeed), options.property) === null);
    const details = await fc.check(cases, { numRuns, seed });
    if (!details.failed) return { policy, numRuns: details.numRuns, seed };
    invariant(details.counterexample !== null, () => `fast-check failed without a counterexample: ${String(details.errorInstance)}`);
    const [scenario, episodeSeed] = details.counterexample;
    const yaml = scenarioYaml(scenario, `Found by checkPolicy(${policy}) with fast-check seed ${details.seed}.`);
    const file = writeScenario(outDir, yaml, prefix);
    // Run from the written file: the record the error carries is the replay's own.
    const record = await runner.run(spec(file, episodeSeed));
    const reason = failureReason(record, options.property);
    invariant(reason !== null, 'the shrunk case passed when run again: the episode is not deterministic');
    const replay = replayCommand(spec(file, episodeSeed));
    throw new PolicyPropertyFailure(failureMessage(policy, reason, details, file, yaml, replay, record), reason, file, yaml, replay, record);
  } finally {
    await runner.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
