/**
 * Loading a scenario file: safe YAML parsing (the core schema only: no tags that construct objects or
 * run code; duplicate keys are errors; `__proto__`, `constructor` and `prototype` keys are refused),
 * then validation against the schema and the cross-references the schema cannot see (a session's
 * gateway exists, a fault names a session that exists). Every problem comes back at once, as data,
 * each with the file, the path inside it (`faults[2].at`) and what was expected; nothing throws for
 * bad input.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { resolveClockTimes } from './clock-times.ts';
import { faultOverlaps } from './fault-overlap.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export interface ScenarioIssue {
  file: string;
  /** Path inside the file, as `faults[2].at`; empty for the file as a whole. */
  path: string;
  message: string;
}

export type ScenarioLoad =
  | { ok: true; file: string; scenario: Scenario; hash: string }
  | { ok: false; file: string; issues: ScenarioIssue[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

export function formatIssue(issue: ScenarioIssue): string {
  return issue.path ? `${issue.file}: ${issue.path}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

function forbiddenKeys(value: unknown, path: PropertyKey[], found: string[]): void {
  if (Array.isArray(value)) value.forEach((item, i) => forbiddenKeys(item, [...path, i], found));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) found.push(formatPath([...path, key]));
      else forbiddenKeys((value as Record<string, unknown>)[key], [...path, key], found);
    }
  }
}

function zodIssues(file: string, issues: readonly z.core.$ZodIssue[]): ScenarioIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ file, path: formatPath([...issue.path, key]), message: 'unknown key (a typo?)' }));
    }
    return [{ file, path: formatPath(issue.path), message: issue.message }];
  });
}

function crossReferences(file: string, scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const gatewayIds = new Set(scenario.gateways.nodes.map((node) => node.id));
  const sessionIds = new Set<string>();
  scenario.sessions.forEach((session, i) => {
    if (!gatewayIds.has(session.gateway)) issues.push({ file, path: `sessions[${i}].gateway`, message: `no gateway "${session.gateway}" in gateways.nodes` });
    if (sessionIds.has(session.id)) issues.push({ file, path: `sessions[${i}].id`, message: `duplicate session id "${session.id}"` });
    sessionIds.add(session.id);
  });
  scenario.faults.forEach((fault, i) => {
    if ('session' in fault && !sessionIds.has(fault.session)) issues.push({ file, path: `faults[${i}].session`, message: `no session "${fault.session}" in sessions` });
    if (typeof fault.at !== 'number' && fault.at.between[0] > fault.at.between[1]) issues.push({ file, path: `faults[${i}].at.between`, message: 'the first bound must not exceed the second' });
    if ((fault.kind === 'drop-copy-lag' || fault.kind === 'drop-copy-down') && scenario.dropCopy === undefined) {
      issues.push({ file, path: `faults[${i}].kind`, message: 'a drop-copy fault needs a dropCopy section' });
    }
  });
  issues.push(...faultOverlaps(file, scenario.faults));
  scenario.market.intensityWindows.forEach((window, i) => {
    if (window.from >= window.to) issues.push({ file, path: `market.intensityWindows[${i}]`, message: '"from" must be before "to"' });
  });
  if (scenario.market.flow.model === 'lobster') {
    const lobsterFile = resolve(dirname(file), scenario.market.flow.file);
    if (!existsSync(lobsterFile)) issues.push({ file, path: 'market.flow.file', message: `no such file: ${lobsterFile}` });
  }
  if (scenario.parent.horizon === 0) {
    issues.push({ file, path: 'parent.horizon', message: 'the horizon must be longer than zero' });
  }
  return issues;
}

/** Parses and validates scenario text; `file` names it in every issue. */
export function parseScenario(text: string, file: string): ScenarioLoad {
  const document = parseDocument(text, { schema: 'core', strict: true, uniqueKeys: true, prettyErrors: true });
  const yamlProblems = [...document.errors, ...document.warnings];
  if (yamlProblems.length > 0) {
    return {
      ok: false,
      file,
      issues: yamlProblems.map((problem) => ({
        file,
        path: problem.linePos ? `line ${problem.linePos[0].line}, column ${problem.linePos[0].col}` : '',
        message: problem.message.split('\n')[0],
      })),
    };
  }
  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  const forbidden: string[] = [];
  forbiddenKeys(raw, [], forbidden);
  if (forbidden.length > 0) return { ok: false, file, issues: forbidden.map((path) => ({ file, path, message: 'this key is not allowed' })) };
  const clock = resolveClockTimes(raw ?? {});
  const clockIssues = clock.issues.map((issue) => ({ file, ...issue }));
  const parsed = scenarioSchema.safeParse(clock.value);
  if (!parsed.success) return { ok: false, file, issues: [...clockIssues, ...zodIssues(file, parsed.error.issues)] };
  if (clockIssues.length > 0) return { ok: false, file, issues: clockIssues };
  const issues = crossReferences(file, parsed.data);
  if (issues.length > 0) return { ok: false, file, issues };
  const hash = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex').slice(0, 16);
  return { ok: true, file, scenario: parsed.data, hash };
}

export function loadScenarioFile(file: string): ScenarioLoad {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, file, issues: [{ file, path: '', message: reason }] };
  }
  return parseScenario(text, file);
}
