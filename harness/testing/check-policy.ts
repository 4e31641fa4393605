/**
 * Property-based regression tests for a policy: `checkPolicy` runs the policy through whole episodes
 * (incident, control, oracle) under generated scenarios and seeds, and requires every invariant to hold,
 * every episode to finish, and the user's own property to hold on each episode record. On a failure
 * fast-check shrinks the case to a minimal failing incident; the thrown PolicyPropertyFailure prints it
 * as a scenario file (also written to disk, so `execdrill validate` and `execdrill run` take it) and the
 * command that replays it. Episodes are synchronous; only loading a user's policy module is not, so
 * `checkPolicy` is async and a vitest test awaits it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { invariant } from '../../sim/index.ts';
import { loadPolicy } from '../episode/policy-loader.ts';
import type { EpisodeRecord, EpisodeSpec } from '../episode/record.ts';
import { replayCommand, runEpisode } from '../episode/run-episode.ts';
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

/**
 * Runs `policy` (a bundled name or a path to a user's policy module) under generated incidents; resolves
 * when every case passes, rejects with a PolicyPropertyFailure (shrunk) when one does not.
 */
export async function checkPolicy(policy: string, options: CheckPolicyOptions = {}): Promise<CheckPolicyReport> {
  await loadPolicy(policy);
  const numRuns = options.numRuns ?? 20;
  const seed = options.seed ?? 1;
  const params = options.params ?? {};
  const prefix = basename(policy).replace(/\.(ts|js|mjs)$/, '');
  const scratch = mkdtempSync(join(tmpdir(), 'execdrill-check-'));
  const spec = (scenarioFile: string, episodeSeed: number): EpisodeSpec => ({ scenarioFile, policy, params, seed: episodeSeed });
  const runCase = (scenario: GeneratedScenario, episodeSeed: number) => runEpisode(spec(writeScenario(scratch, scenarioYaml(scenario), prefix), episodeSeed));
  try {
    const cases = fc.property(options.scenarios ?? scenarioArbitrary(), options.seeds ?? fc.integer({ min: 1, max: 10_000 }), (scenario, episodeSeed) => {
      return failureReason(runCase(scenario, episodeSeed), options.property) === null;
    });
    const details = fc.check(cases, { numRuns, seed });
    if (!details.failed) return { policy, numRuns: details.numRuns, seed };
    invariant(details.counterexample !== null, () => `fast-check failed without a counterexample: ${String(details.errorInstance)}`);
    const [scenario, episodeSeed] = details.counterexample;
    const outDir = options.outDir ?? join('results', 'property-failures');
    const yaml = scenarioYaml(scenario, `Found by checkPolicy(${policy}) with fast-check seed ${details.seed}.`);
    const file = writeScenario(outDir, yaml, prefix);
    // Run from the written file: the record the error carries is the replay's own.
    const record = runEpisode(spec(file, episodeSeed));
    const reason = failureReason(record, options.property);
    invariant(reason !== null, 'the shrunk case passed when run again: the episode is not deterministic');
    const replay = replayCommand(spec(file, episodeSeed));
    throw new PolicyPropertyFailure(failureMessage(policy, reason, details, file, yaml, replay, record), reason, file, yaml, replay, record);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
