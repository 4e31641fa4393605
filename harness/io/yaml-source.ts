/**
 * Safe YAML for files a user writes (scenarios, drills): the core schema only (no tags that construct
 * objects or run code), duplicate keys refused, `__proto__`, `constructor` and `prototype` keys
 * refused, and bounded: at most ALIASES_MAX alias expansions (billion laughs), at most VALUES_MAX
 * values once aliases are expanded (fan-out of one anchor through many maps), no alias inside the
 * node it names (a self-recursive alias is an infinite document), no nesting deeper than DEPTH_MAX.
 * Every problem comes back as data with its line and column; nothing throws for bad input. The
 * parsed source also answers where a path (`faults[2].at`) is in the text, for messages about the
 * values that the schema checks later.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export const ALIASES_MAX = 100;
export const VALUES_MAX = 100_000;
export const DEPTH_MAX = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface SourceProblem {
  /** Path inside the document (`faults[2].at`); empty for the document as a whole. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface Place {
  line: number;
  column: number;
}

export type YamlSource =
  | { ok: true; value: unknown; locate: (path: readonly PropertyKey[], which?: 'value' | 'key') => Place | undefined }
  | { ok: false; problems: SourceProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/**
 * Walks the plain value once, bounded: counts values (aliases counted each time they are reached),
 * refuses a cycle and forbidden keys. Stops at the first problem that makes the rest meaningless.
 */
function checkShape(value: unknown, problems: SourceProblem[]): void {
  let values = 0;
  const forbidden: string[] = [];
  const onPath = new Set<object>();
  const walk = (node: unknown, path: PropertyKey[]): boolean => {
    if (++values > VALUES_MAX) {
      problems.push({ path: '', message: `more than ${VALUES_MAX} values once aliases are expanded: aliases repeat too much of the document` });
      return false;
    }
    if (node === null || typeof node !== 'object') return true;
    if (onPath.has(node)) {
      problems.push({ path: formatPath(path), message: 'an alias refers to a node that contains it: the document would be infinite' });
      return false;
    }
    if (path.length > DEPTH_MAX) {
      problems.push({ path: formatPath(path), message: `nested more than ${DEPTH_MAX} levels deep` });
      return false;
    }
    onPath.add(node);
    const entries: [PropertyKey, unknown][] = Array.isArray(node) ? node.map((item, i) => [i, item]) : Object.entries(node);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) {
        forbidden.push(formatPath([...path, key]));
        continue;
      }
      if (!walk(child, [...path, key])) return false;
    }
    onPath.delete(node);
    return true;
  };
  walk(value, []);
  for (const path of forbidden) problems.push({ path, message: 'this key is not allowed' });
}

/** The node at a path in the YAML tree (following the document's own structure, not aliases). */
function nodeAt(document: Document, path: readonly PropertyKey[], which: 'value' | 'key'): Node | undefined {
  let node: unknown = document.contents;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
      if (pair === undefined) return node as Node;
      if (which === 'key' && i === path.length - 1) return pair.key as Node;
      node = pair.value;
    } else return node as Node | undefined;
  }
  return node as Node | undefined;
}

/** Parses YAML text into a plain value, or every problem found, each with its place. */
export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'core', strict: true, uniqueKeys: true, prettyErrors: true, lineCounter });
  const yamlProblems = [...document.errors, ...document.warnings];
  if (yamlProblems.length > 0) {
    return {
      ok: false,
      problems: yamlProblems.map((problem) => ({
        path: '',
        message: problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
        ...(problem.linePos ? { line: problem.linePos[0].line, column: problem.linePos[0].col } : {}),
      })),
    };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: ALIASES_MAX });
  } catch (error) {
    // The yaml library's own guard (ReferenceError: excessive aliases, an alias before its anchor).
    const message = /Excessive alias count/.test((error as Error).message)
      ? `more than ${ALIASES_MAX} alias expansions: aliases repeat too much of the document`
      : (error as Error).message;
    return { ok: false, problems: [{ path: '', message }] };
  }
  const problems: SourceProblem[] = [];
  checkShape(value, problems);
  const locate = (path: readonly PropertyKey[], which: 'value' | 'key' = 'value'): Place | undefined => {
    const node = nodeAt(document, path, which);
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (problems.length > 0) return { ok: false, problems: problems.map((problem) => ({ ...problem, ...locateText(problem.path, locate) })) };
  return { ok: true, value, locate };
}

/** A formatted path (`faults[2].at`) as its keys. */
export function parsePath(path: string): PropertyKey[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] !== undefined ? Number(match[2]) : match[1]));
}

/** The place of a formatted path such as `faults[2].at`. */
function locateText(path: string, locate: (path: readonly PropertyKey[], which?: 'value' | 'key') => Place | undefined): Partial<Place> {
  return path === '' ? {} : (locate(parsePath(path), 'key') ?? {});
}
