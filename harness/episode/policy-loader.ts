/**
 * Finds a policy by name (a bundled one) or by path (a user's module exporting a `PolicyDefinition`
 * as `default` or `policy`), with a hash of its source so two versions of one policy compare like two
 * policies. Loading a user's module is asynchronous, so it happens once, before any episode runs;
 * episodes then find it synchronously.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findBundledPolicy, type PolicyDefinition } from '../../policies/index.ts';
import { UsageError } from '../errors.ts';
import { importUserModule, PACKAGE_ROOT } from '../package-files.ts';

export interface LoadedPolicy {
  definition: PolicyDefinition;
  sourceHash: string;
}

const loaded = new Map<string, LoadedPolicy>();
// Bundled policies are hashed by their TypeScript source, which the package ships, so a record's hash is the same from source or built.
const POLICY_DIR = new URL('policies/', pathToFileURL(PACKAGE_ROOT));

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

function looksLikePath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || /\.(ts|js|mjs)$/.test(nameOrPath);
}

function isPolicyDefinition(value: unknown): value is PolicyDefinition {
  const v = value as PolicyDefinition | undefined;
  return v !== undefined && typeof v.name === 'string' && typeof v.version === 'string' && typeof v.create === 'function' && typeof v.defaults === 'object';
}

/** Loads a user's policy module (or confirms a bundled name); bad input is a UsageError naming the file. */
export async function loadPolicy(nameOrPath: string): Promise<LoadedPolicy> {
  const cached = loaded.get(nameOrPath);
  if (cached) return cached;
  if (!looksLikePath(nameOrPath)) return findPolicy(nameOrPath);
  const file = resolve(nameOrPath);
  if (!existsSync(file)) throw new UsageError(`${nameOrPath}: no such policy file`);
  const module = await importUserModule(pathToFileURL(file).href);
  const definition = [module.default, module.policy].find(isPolicyDefinition);
  if (definition === undefined) throw new UsageError(`${nameOrPath}: expected a PolicyDefinition exported as \`default\` or \`policy\` (name, version, summary, source, defaults, create)`);
  const result = { definition, sourceHash: hashOf(readFileSync(file, 'utf8')) };
  loaded.set(nameOrPath, result);
  return result;
}

/** A bundled policy, or a user's policy already loaded with `loadPolicy`. */
export function findPolicy(nameOrPath: string): LoadedPolicy {
  const cached = loaded.get(nameOrPath);
  if (cached) return cached;
  if (looksLikePath(nameOrPath)) throw new UsageError(`${nameOrPath}: policy module not loaded (call loadPolicy first)`);
  const definition = findBundledPolicy(nameOrPath);
  if (definition === undefined) throw new UsageError(`unknown policy "${nameOrPath}" (see: execdrill list policies)`);
  const result = { definition, sourceHash: hashOf(readFileSync(new URL(`${definition.name}.ts`, POLICY_DIR), 'utf8')) };
  loaded.set(nameOrPath, result);
  return result;
}
