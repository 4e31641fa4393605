/**
 * Finds the part of a zod schema that checks the value at a path of a document, following the value
 * itself through discriminated unions (the fault at `faults[2]` is checked by the option its `kind`
 * names). Messages use it to say which keys an object takes, for "did you mean", and what a missing
 * field is for (its `.describe()` text). Only the schema kinds the scenario and drill schemas use are
 * followed; anything else ends the walk.
 */
import { z } from 'zod';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The schema without its wrappers (defaults, optional, a transform's output side). */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type)) current = def.innerType as z.ZodType;
    else if (def.type === 'pipe') current = def.in as z.ZodType;
    else return current;
  }
  return current;
}

function optionFor(union: Def, value: unknown): z.ZodType | undefined {
  const options = union.options as z.ZodType[];
  const discriminator = union.discriminator as string | undefined;
  if (discriminator !== undefined) {
    const tag = (value as Record<string, unknown> | null)?.[discriminator];
    return options.find((option) => {
      const literal = defOf(unwrap(option)).shape as Record<string, z.ZodType> | undefined;
      const values = literal === undefined ? [] : ((defOf(unwrap(literal[discriminator])).values as unknown[]) ?? []);
      return values.includes(tag);
    });
  }
  // A plain union (a duration or { between: [...] }): the option that takes this kind of value.
  const wanted = typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'array' : 'object') : undefined;
  return options.find((option) => defOf(unwrap(option)).type === wanted);
}

/** The schema checking the value at `path` of `root`, or undefined where the walk cannot follow. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  let value = root;
  for (const key of path) {
    if (current === undefined) return undefined;
    let def = defOf(unwrap(current));
    if (def.type === 'union') {
      current = optionFor(def, value);
      if (current === undefined) return undefined;
      def = defOf(unwrap(current));
    }
    if (def.type === 'object') current = (def.shape as Record<string, z.ZodType>)[String(key)];
    else if (def.type === 'array') current = def.element as z.ZodType;
    else if (def.type === 'tuple') current = (def.items as z.ZodType[])[Number(key)];
    else if (def.type === 'record') current = def.valueType as z.ZodType;
    else return undefined;
    value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key];
  }
  if (current === undefined) return undefined;
  const def = defOf(unwrap(current));
  return def.type === 'union' ? (optionFor(def, value) ?? current) : current;
}

/** The keys an object at `path` takes (empty if it is not an object schema). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] {
  const at = schemaAt(schema, path, root);
  if (at === undefined) return [];
  const def = defOf(unwrap(at));
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** What a field is for, from its `.describe()`, if it has one. */
export function descriptionAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string | undefined {
  const parent = schemaAt(schema, path.slice(0, -1), root);
  if (parent === undefined) return undefined;
  const def = defOf(unwrap(parent));
  const field = def.type === 'object' ? (def.shape as Record<string, z.ZodType>)[String(path[path.length - 1])] : undefined;
  return field?.description;
}

/** Levenshtein distance, for "did you mean" (inputs are short keys and kinds). */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The candidate a typo most likely meant: within a third of its length in edits (at least 2), or none. */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.candidate : undefined;
}
