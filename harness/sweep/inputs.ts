/**
 * What a sweep's records were computed from, by content: a hash of each scenario file (with the
 * LOBSTER message file it replays, if any) and of each policy's source (a user's module, or a bundled
 * policy's file). The manifest keeps them, so a sweep or a drill run again after an edit knows which
 * files changed and reruns the episodes that read them, instead of mixing old records with new ones;
 * and merge refuses shards computed from different inputs. The commit covers the rest of the code.
 * A policy module's own imports are not followed: an edit there is seen only through the commit.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { findBundledPolicy } from '../../policies/index.ts';
import { isPolicyModulePath, type EpisodeSpec } from '../episode/record.ts';
import { bundledPolicySource } from '../episode/policy-loader.ts';
import { InputFileError, readInputFile } from '../io/input-file.ts';
import { parseYamlSource } from '../io/yaml-source.ts';
import type { SweepRequest } from './plan.ts';

/** Input (a scenario file, a policy module path or a bundled policy name) -> content hash. */
export type InputHashes = Record<string, string>;

const INPUT_BYTES_MAX = 512 * 1024 * 1024;
const hash = (parts: readonly string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);

/** The text of a file, or a marker that it cannot be read now (which reads as changed against any hash). */
function contentOf(path: string): string {
  try {
    return readInputFile(path, { what: 'input file', maxBytes: INPUT_BYTES_MAX });
  } catch (error) {
    if (error instanceof InputFileError) return `unreadable: ${error.problem}`;
    throw error;
  }
}

function scenarioHash(file: string): string {
  const text = contentOf(file);
  const source = parseYamlSource(text);
  const flow = source.ok ? ((source.value as { market?: { flow?: { model?: unknown; file?: unknown } } } | null)?.market?.flow ?? undefined) : undefined;
  const lobster = flow?.model === 'lobster' && typeof flow.file === 'string' ? contentOf(resolve(dirname(file), flow.file)) : '';
  return hash([text, lobster]);
}

function policyHash(policy: string): string {
  if (isPolicyModulePath(policy)) return hash([contentOf(policy)]);
  const bundled = findBundledPolicy(policy);
  // A name no bundled policy has (another runner's): only its name can be hashed.
  if (bundled === undefined) return hash([`policy ${policy}`]);
  return hash([bundledPolicySource(bundled)]);
}

export function inputHashes(request: SweepRequest): InputHashes {
  const inputs: InputHashes = {};
  for (const file of request.scenarios) inputs[file] = scenarioHash(file);
  for (const policy of [...request.policies, ...(request.shadowPolicy === null ? [] : [request.shadowPolicy])]) inputs[policy] = policyHash(policy);
  return inputs;
}

/** The inputs whose content differs between two hash sets (one missing from either counts). */
export function changedInputs(was: InputHashes, now: InputHashes): string[] {
  return [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((input) => was[input] !== now[input]).sort();
}

/** Whether an episode read one of these inputs. */
export function readsAny(spec: EpisodeSpec, inputs: ReadonlySet<string>): boolean {
  return inputs.has(spec.scenarioFile) || inputs.has(spec.policy) || (spec.shadowPolicy !== undefined && inputs.has(spec.shadowPolicy));
}
