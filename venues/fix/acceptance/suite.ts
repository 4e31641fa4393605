/**
 * Runs a directory of acceptance scripts in name order (one engine for all, as QuickFIX's own run does, with
 * Runner.rb's 0.1 s pause before each), classifies each result against the documented deviations, and
 * formats the tally.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldPatterns } from './comparator.ts';
import { DEVIATIONS, type Deviation } from './deviations.ts';
import { runScript, type RunnerOptions, type ScriptResult } from './runner.ts';

export type Verdict = 'passed' | 'deviation' | 'failed';

export interface ClassifiedResult extends ScriptResult {
  verdict: Verdict;
  deviation: Deviation | undefined;
  /** Why a listed deviation did not count as one. */
  note: string | undefined;
}

export function classify(result: ScriptResult, deviations: readonly Deviation[] = DEVIATIONS): ClassifiedResult {
  const deviation = deviations.find((d) => d.script === result.name);
  if (deviation === undefined) return { ...result, verdict: result.passed ? 'passed' : 'failed', deviation, note: undefined };
  const failure = result.failure;
  if (failure === undefined) return { ...result, verdict: 'failed', deviation, note: 'listed as a deviation but passed: update deviations.ts' };
  const line = failure.line.replaceAll('\x01', '|');
  const received = (failure.received ?? '').replaceAll('\x01', '|');
  if (deviation.failingLine.test(line) && deviation.received.test(received)) return { ...result, verdict: 'deviation', deviation, note: undefined };
  return { ...result, verdict: 'failed', deviation, note: 'failed somewhere other than its documented deviation' };
}

export interface SuiteOptions {
  host: string;
  port: number;
  patterns: FieldPatterns;
  include?: (name: string) => boolean;
}

export async function runSuite(directory: string, options: SuiteOptions): Promise<ClassifiedResult[]> {
  const names = readdirSync(directory)
    .filter((n) => n.endsWith('.def') && (options.include?.(n) ?? true))
    .sort();
  return runScripts(names.map((name) => ({ name, source: readFileSync(join(directory, name), 'latin1') })), options);
}

/** Runs scripts in the order given; `deviations` are those this engine documents (none for another engine). */
export async function runScripts(scripts: readonly { name: string; source: string }[], options: RunnerOptions, deviations: readonly Deviation[] = DEVIATIONS): Promise<ClassifiedResult[]> {
  const results: ClassifiedResult[] = [];
  for (const script of scripts) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    results.push(classify(await runScript(script.name, script.source, options), deviations));
  }
  return results;
}

export function formatTally(title: string, results: readonly ClassifiedResult[]): string {
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  const lines = [`${title}: ${count('passed')} passed, ${count('deviation')} documented deviations, ${count('failed')} failed (of ${results.length})`];
  for (const r of results) {
    if (r.verdict === 'passed') continue;
    lines.push(`  ${r.verdict.toUpperCase()} ${r.name} at line ${r.failure?.lineNumber ?? '-'}: ${r.failure?.reason ?? ''}${r.note ? ` [${r.note}]` : ''}`);
    if (r.verdict === 'deviation') lines.push(`    reason: ${r.deviation?.reason}`);
    if (r.verdict === 'failed' && r.failure !== undefined) {
      if (r.failure.expected) lines.push(`    expected: ${r.failure.expected.replaceAll('\x01', '|')}`);
      if (r.failure.received) lines.push(`    received: ${r.failure.received.replaceAll('\x01', '|')}`);
    }
  }
  return lines.join('\n');
}
