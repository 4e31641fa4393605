/**
 * Runs the facts: each fact's episodes as sweeps (harness/sweep: worker threads, JSON-lines records,
 * resume), in blocks of seeds that follow its sequential looks, then its check at each look until the
 * look decides, `maxSeeds` is reached or the time budget runs out. Facts take turns, cheapest first:
 * every fact's first look comes before any fact's second, so a budget is shared fairly and the cheap
 * facts are not stuck behind an expensive one. Sweeps run one at a time, each on every worker.
 *
 * Records go to `<out>/<commit>/<fact>/seeds-<from>-<to>-<hash>/`, a sweep directory that `execdrill
 * compare` reads like any other. A block leaves out what some other fact's block already holds, and
 * a rerun of the same command resumes where it stopped. The commit is read once, at the start.
 */
import { createHash } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { violatesInvariant } from '../compare/column-stats.ts';
import type { EpisodeRecord, EpisodeSpec } from '../episode/record.ts';
import { EXIT_GATE_FAILED, EXIT_INCONCLUSIVE, EXIT_OK } from '../errors.ts';
import { resolveCommit } from '../sweep/commit.ts';
import { settingsFor } from '../sweep/params.ts';
import { buildSpecs, WHOLE_SWEEP, type SweepRequest } from '../sweep/plan.ts';
import { PROJECT_ROOT, type RunnerModule } from '../sweep/runner-module.ts';
import { runSweep, type SweepOptions } from '../sweep/run-sweep.ts';
import type { FactVerdict } from './claim.ts';
import { requireArmsInDesign } from './design.ts';
import { evaluateCheck, type CheckResult } from './evaluate.ts';
import type { Arm, FactDefinition } from './fact.ts';
import { RecordStore } from './record-store.ts';
import { DEFAULT_MAX_SEEDS_FACTOR, laterLooks, settleSequentially, type Look, type SequentialPlan, type StopReason } from './sequential.ts';

export const FACTS_SCHEMA = 'execdrill.facts/1';
const ALPHA = 0.05;
const REPLAYS_SHOWN = 3;

export interface FactsOptions {
  facts: readonly FactDefinition[];
  out: string;
  workers: number;
  runner: RunnerModule;
  /** Overrides every fact's first-look seeds. */
  seeds: number | null;
  maxSeeds: number | null;
  timeBudgetMs: number | null;
  /** A line per look, for stderr. */
  log?: (line: string) => void;
  progress?: SweepOptions['progress'];
}

export interface FactOutcome {
  id: string;
  title: string;
  basis: string;
  test: string;
  verdict: FactVerdict;
  reason: string;
  /** Seeds of the last look made (0 when none was). */
  seeds: number;
  looks: number;
  /** The error that look spent: its intervals are at 1 - this (split further under an `any`). */
  lookAlpha: number | null;
  stoppedBy: StopReason;
  /** For an undecided fact: the seeds that would settle it (a projection); null when none in sight. */
  settleSeeds: number | null;
  failedEpisodes: { count: number; replay: string[] };
  result: CheckResult | null;
}

export interface FactsRun {
  schema: typeof FACTS_SCHEMA;
  commit: string;
  alpha: number;
  verdict: 'passed' | 'failed' | 'undecided';
  exitCode: number;
  wallSec: number;
  /** Episodes run now, and those on disk from earlier runs when this one started. */
  episodes: { ran: number; earlier: number };
  facts: FactOutcome[];
}

interface FactJudgement {
  verdict: FactVerdict;
  result: CheckResult | null;
  failed: EpisodeRecord[];
}

/** One sweep at a time: a fact waiting for seeds queues behind the others (first come, first run). */
class SweepQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const seedRange = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export async function runFacts(options: FactsOptions): Promise<FactsRun> {
  const startMs = performance.now();
  const commit = resolveCommit();
  const root = join(options.out, commit);
  const store = new RecordStore(commit, options.runner.label);
  store.scan(root);
  const episodes = { ran: 0, earlier: store.size };
  const runPath = (file: string) => relative(process.cwd(), resolve(PROJECT_ROOT, file));
  const queue = new SweepQueue();
  const budget = new AbortController();
  const timer = options.timeBudgetMs === null ? undefined : setTimeout(() => budget.abort(), options.timeBudgetMs);
  const log = options.log ?? (() => {});

  const specOf = (arm: Arm, seed: number): EpisodeSpec => ({ scenarioFile: runPath(arm.scenario), policy: arm.policy, params: arm.params, seed });

  /**
   * Runs seeds from..to of the fact's design, less what is on disk already: the sweep keeps the
   * scenarios and the policies with an episode missing (a sweep is a cross product, so a pair already
   * run can still come along).
   */
  async function runBlock(fact: FactDefinition, from: number, to: number): Promise<boolean> {
    if (budget.signal.aborted) return false;
    const full: SweepRequest = { scenarios: fact.design.scenarios.map(runPath), policies: fact.design.policies, params: fact.design.params, seeds: seedRange(from, to), shadowPolicy: null };
    const missing = buildSpecs(full).filter((spec) => !store.has(spec));
    if (missing.length === 0) return true;
    const scenarios = full.scenarios.filter((scenario) => missing.some((spec) => spec.scenarioFile === scenario));
    const policies = full.policies.filter((policy) => missing.some((spec) => spec.policy === policy));
    const request = { ...full, scenarios, policies, params: full.params.filter((axis) => axis.policy === null || policies.includes(axis.policy)) };
    const hash = createHash('sha256').update(JSON.stringify({ ...request, seeds: [from, to], runner: options.runner.label })).digest('hex').slice(0, 8);
    const dir = join(root, fact.id, `seeds-${from}-${to}-${hash}`);
    const sweep = { request, out: dir, workers: options.workers, shard: WHOLE_SWEEP, runner: options.runner, signal: budget.signal, progress: options.progress, commit };
    const outcome = await runSweep(sweep);
    episodes.ran += outcome.ran;
    store.addSweep(dir);
    return buildSpecs(request).every((spec) => store.has(spec));
  }

  function judge(fact: FactDefinition, plan: SequentialPlan, look: Look): FactJudgement {
    const failed: EpisodeRecord[] = [];
    const records = (arm: Arm): EpisodeRecord[] =>
      seedRange(1, look.seeds).flatMap((seed) => {
        const record = store.get(specOf(arm, seed));
        if (record === undefined) throw new Error(`${fact.id}: no record for ${JSON.stringify(specOf(arm, seed))} after its block ran`);
        if (record.status === 'ok' && !violatesInvariant(record)) return [record];
        if (!failed.includes(record)) failed.push(record);
        return [];
      });
    const later = laterLooks(plan, look.look);
    const result = evaluateCheck(fact.check, { records, seeds: look.seeds, alpha: look.alpha, later, streamName: `facts/${fact.id}/look-${look.look}` });
    return { verdict: failed.length > 0 ? 'fail' : result.verdict, result, failed };
  }

  async function settleFact(fact: FactDefinition): Promise<FactOutcome> {
    requireArmsInDesign(fact);
    const maxSeeds = options.maxSeeds ?? DEFAULT_MAX_SEEDS_FACTOR * (options.seeds ?? fact.seeds);
    const plan: SequentialPlan = { initialSeeds: Math.min(options.seeds ?? fact.seeds, maxSeeds), maxSeeds, alpha: ALPHA };
    let have = 0;
    const outcome = await settleSequentially(
      plan,
      (look) => {
        const judgement = judge(fact, plan, look);
        log(`${fact.id} look ${look.look} (${look.seeds} seeds, error spent ${look.alpha.toFixed(4)}): ${judgement.verdict}`);
        return judgement;
      },
      (seeds) =>
        queue.run(async () => {
          const ok = await runBlock(fact, have + 1, seeds);
          if (ok) have = seeds;
          return ok;
        }),
    );
    return factOutcome(fact, outcome.judgement, outcome.look, outcome.stoppedBy, plan);
  }

  // Cheapest first: under a time budget the most facts get a look, and the dearer ones then find
  // some of their episodes on disk.
  const firstLookCost = (fact: FactDefinition) =>
    fact.design.scenarios.length * fact.design.policies.reduce((n, policy) => n + settingsFor(policy, fact.design.params).length, 0) * (options.seeds ?? fact.seeds);
  const order = [...options.facts].sort((a, b) => firstLookCost(a) - firstLookCost(b));
  try {
    const settled = await Promise.all(order.map(settleFact));
    const facts = options.facts.map((fact) => settled[order.indexOf(fact)]);
    const verdict = facts.some((fact) => fact.verdict === 'fail') ? 'failed' : facts.some((fact) => fact.verdict === 'undecided') ? 'undecided' : 'passed';
    const exitCode = { passed: EXIT_OK, failed: EXIT_GATE_FAILED, undecided: EXIT_INCONCLUSIVE }[verdict];
    return { schema: FACTS_SCHEMA, commit, alpha: ALPHA, verdict, exitCode, wallSec: (performance.now() - startMs) / 1000, episodes, facts };
  } finally {
    clearTimeout(timer);
  }
}

function factOutcome(fact: FactDefinition, judgement: FactJudgement | null, look: Look | null, stoppedBy: StopReason, plan: SequentialPlan): FactOutcome {
  const base = { id: fact.id, title: fact.title, basis: fact.basis, test: fact.test, stoppedBy, seeds: look?.seeds ?? 0, looks: look?.look ?? 0, lookAlpha: look?.alpha ?? null };
  if (judgement === null) {
    const reason = `the time budget ran out before the first look (${plan.initialSeeds} seeds)`;
    return { ...base, verdict: 'undecided', reason, settleSeeds: null, failedEpisodes: { count: 0, replay: [] }, result: null };
  }
  const failedEpisodes = { count: judgement.failed.length, replay: judgement.failed.slice(0, REPLAYS_SHOWN).map((record) => record.replay) };
  const settle = judgement.verdict === 'undecided' ? (judgement.result?.settleSeeds ?? null) : null;
  let reason = judgement.result?.reason ?? '';
  if (judgement.failed.length > 0) {
    reason = `${judgement.failed.length} episode${judgement.failed.length === 1 ? '' : 's'} failed or broke an invariant (replay: ${failedEpisodes.replay[0]})`;
  } else if (judgement.verdict === 'undecided') {
    const stop = stoppedBy === 'budget' ? 'the time budget ran out' : `the next look would pass ${plan.maxSeeds} seeds (--max-seeds)`;
    reason = `${stop}; ${reason}`;
  }
  return { ...base, verdict: judgement.verdict, reason, settleSeeds: settle, failedEpisodes, result: judgement.result };
}
