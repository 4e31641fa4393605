/**
 * Finds a policy by name (a bundled one) or by path (a user's module exporting a `PolicyDefinition`
 * as `default` or `policy`), with a hash of its source so two versions of one policy compare like two
 * policies. Loading a user's module is asynchronous, so it happens once, before any episode runs;
 * episodes then find it synchronously.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLED_POLICIES, findBundledPolicy, type PolicyDefinition } from '../../policies/index.ts';
import { closest } from '../scenario/schema-walk.ts';
import { UsageError } from '../errors.ts';
import { importUserModule, PACKAGE_ROOT } from '../package-files.ts';
import { isPolicyModulePath } from './record.ts';
import { readInputFile } from '../io/input-file.ts';
import { describeThrown } from '../router/policy-guard.ts';

/** A policy module is code a person wrote: anything larger is not one. */
const POLICY_FILE_BYTES_MAX = 4 * 1024 * 1024;

export interface LoadedPolicy {
  definition: PolicyDefinition;
  sourceHash: string;
}

const loaded = new Map<string, LoadedPolicy>();
// Bundled policies are hashed by their TypeScript source, which the package ships, so a record's hash is the same from source or built.
const POLICY_DIR = new URL('policies/', pathToFileURL(PACKAGE_ROOT));

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

function isPolicyDefinition(value: unknown): value is PolicyDefinition {
  const v = value as PolicyDefinition | undefined;
  return v !== undefined && typeof v.name === 'string' && typeof v.version === 'string' && typeof v.create === 'function' && typeof v.defaults === 'object';
}

/** Why importing a user's module failed, in one line: the syntax error with its place, or what its top-level code threw. */
function importFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TransformError') {
    const first = error.message.split('\n').find((line) => /: ERROR: /.test(line));
    return `syntax error: ${(first ?? error.message).replace(': ERROR: ', ': ')}`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION') return 'not a JavaScript or TypeScript module: name it .ts, .mts, .js or .mjs';
  if (code === 'ERR_REQUIRE_CYCLE_MODULE' || code === 'ERR_REQUIRE_ESM') {
    return 'it is loaded as CommonJS (a .ts file outside a package with "type": "module"): name it .mts, or add a package.json with "type": "module" beside it';
  }
  return `its top-level code threw ${describeThrown(error)}`;
}

/** Loads a user's policy module (or confirms a bundled name); bad input is a UsageError naming the file. */
export async function loadPolicy(nameOrPath: string): Promise<LoadedPolicy> {
  const cached = loaded.get(nameOrPath);
  if (cached) return cached;
  if (!isPolicyModulePath(nameOrPath)) return findPolicy(nameOrPath);
  const file = resolve(nameOrPath);
  const source = readInputFile(file, { what: 'policy file', shownAs: nameOrPath, maxBytes: POLICY_FILE_BYTES_MAX });
  let module: Record<string, unknown>;
  try {
    module = (await importUserModule(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${nameOrPath}: cannot load the policy module: ${importFailure(error)}`);
  }
  let definition: PolicyDefinition | undefined;
  try {
    definition = [module.default, module.policy].find(isPolicyDefinition);
  } catch (error) {
    // A getter on the export is the module's code too.
    throw new UsageError(`${nameOrPath}: reading its PolicyDefinition threw ${describeThrown(error)}`);
  }
  if (definition === undefined) throw new UsageError(`${nameOrPath}: expected a PolicyDefinition exported as \`default\` or \`policy\` (name, version, summary, source, defaults, create)`);
  const result = { definition, sourceHash: hashOf(source) };
  loaded.set(nameOrPath, result);
  return result;
}

/**
 * What is wrong with a policy a sweep or drill names, checked without running any of its code: an
 * unknown bundled name (with the likeliest meant), or a module path that is no file. `path` is where
 * the module is looked for; `hint` says how paths are read there.
 */
export function policyReferenceProblem(policy: string, path: string, hint: string): string | undefined {
  if (isPolicyModulePath(policy)) {
    if (!existsSync(path)) return `no such policy file: ${path} (${hint})`;
    return statSync(path).isFile() ? undefined : `${path} is not a file`;
  }
  if (findBundledPolicy(policy) !== undefined) return undefined;
  const names = BUNDLED_POLICIES.map((definition) => definition.name);
  const guess = closest(policy, names);
  return `unknown policy "${policy}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; the bundled ones are ${names.join(', ')}, or name a policy module file`;
}

/** A bundled policy's TypeScript source, as the package ships it (the same text from source or built). */
export function bundledPolicySource(definition: PolicyDefinition): string {
  return readFileSync(new URL(`${definition.name}.ts`, POLICY_DIR), 'utf8');
}

/** A bundled policy, or a user's policy already loaded with `loadPolicy`. */
export function findPolicy(nameOrPath: string): LoadedPolicy {
  const cached = loaded.get(nameOrPath);
  if (cached) return cached;
  if (isPolicyModulePath(nameOrPath)) throw new UsageError(`${nameOrPath}: policy module not loaded (call loadPolicy first)`);
  const definition = findBundledPolicy(nameOrPath);
  if (definition === undefined) throw new UsageError(`unknown policy "${nameOrPath}" (see: execdrill list policies)`);
  const result = { definition, sourceHash: hashOf(bundledPolicySource(definition)) };
  loaded.set(nameOrPath, result);
  return result;
}
