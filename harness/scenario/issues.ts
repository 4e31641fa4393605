/**
 * Problems of a scenario (or drill) file as people read them: one per line, each with the file, the
 * YAML line and column, the path inside the document (`faults[2].at`), what is wrong and what is
 * expected. zod's own wording is translated where it reads badly: a field that is not there is a
 * "missing required field" (with what the field is for), an unknown key or kind says which one was
 * probably meant, an enum lists its values.
 */
import type { z } from 'zod';
import { formatPath, type Place } from '../io/yaml-source.ts';
import { closest, descriptionAt, keysAt } from './schema-walk.ts';

export interface ScenarioIssue {
  file: string;
  /** Path inside the file, as `faults[2].at`; empty for the file as a whole. */
  path: string;
  message: string;
  /** Where in the file, when known (1-based). */
  line?: number;
  column?: number;
}

export type Locate = (path: readonly PropertyKey[], which?: 'value' | 'key') => Place | undefined;

/** `file:line:column: path: message`, the form every command prints. */
export function formatIssue(issue: ScenarioIssue): string {
  const place = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path ? `${place}: ${issue.path}: ${issue.message}` : `${place}: ${issue.message}`;
}

const LISTED_MAX = 12;
const quote = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const listOf = (values: readonly unknown[]) => (values.length <= LISTED_MAX ? values.map(String).join(', ') : `${values.slice(0, LISTED_MAX).map(String).join(', ')}, ...`);
const suggestion = (typed: unknown, candidates: readonly unknown[]) => {
  const match = typeof typed === 'string' ? closest(typed, candidates.map(String)) : undefined;
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key];
  return value;
}

/** A zod message without zod's generic prefix; its own custom messages pass unchanged. */
const plain = (message: string) => message.replace(/^Invalid input: /, '');

/** Translates zod's issues about `root` into scenario issues, located in the file. */
export function issuesOf(file: string, issues: readonly z.core.$ZodIssue[], schema: z.ZodType, root: unknown, locate: Locate): ScenarioIssue[] {
  const at = (path: readonly PropertyKey[], message: string, which: 'value' | 'key' = 'value'): ScenarioIssue => ({
    file,
    path: formatPath(path),
    message,
    ...(locate(path, which) ?? {}),
  });
  return issues.flatMap((issue): ScenarioIssue[] => {
    const path = issue.path;
    const value = valueAt(root, path);
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path, root);
      return issue.keys.map((key) => {
        const hint = suggestion(key, known);
        return at([...path, key], hint === '' && known.length > 0 ? `unknown key; expected one of: ${listOf(known)}` : `unknown key${hint || ' (a typo?)'}`, 'key');
      });
    }
    if (issue.code === 'invalid_union' && (issue as { note?: string }).note === 'No matching discriminator') {
      const options = (issue as { options?: unknown[] }).options ?? [];
      const field = String(path[path.length - 1]);
      if (value === undefined) return [at(path, `missing required field "${field}"; expected one of: ${listOf(options)}`)];
      return [at(path, `unknown ${field} ${quote(value)}${suggestion(value, options)}; expected one of: ${listOf(options)}`)];
    }
    if (issue.code === 'invalid_union' && value !== null && typeof value === 'object' && issue.errors.length > 0) {
      // A plain union (a duration or { between: [...] }): the branch that took this kind of value says what is wrong inside it.
      const branch = issue.errors.find((errors) => errors.every((inner) => inner.path.length > 0 || inner.code !== 'invalid_type'));
      if (branch !== undefined) return issuesOf(file, branch.map((inner) => ({ ...inner, path: [...path, ...inner.path] })), schema, root, locate);
    }
    if (issue.code === 'invalid_value' && value !== undefined) {
      return [at(path, `${quote(value)} is not allowed${suggestion(value, issue.values)}; expected one of: ${listOf(issue.values)}`)];
    }
    if (value === undefined && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
      const field = String(path[path.length - 1]);
      const purpose = descriptionAt(schema, path, root);
      const expected = issue.code === 'invalid_value' ? `expected one of: ${listOf(issue.values)}` : plain(issue.message).replace(/^expected (\w+), received undefined$/, 'expected $1');
      // The parent holds the place: the field itself is not in the file.
      return [{ ...at(path, `missing required field "${field}"${purpose === undefined ? '' : ` (${purpose})`}: ${expected}`), ...(locate(path.slice(0, -1)) ?? {}) }];
    }
    return [at(path, plain(issue.message))];
  });
}
