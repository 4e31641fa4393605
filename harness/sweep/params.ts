/**
 * Policy parameters swept like seeds (seed 002: "tune recovery exits on p95/p99 IS").
 * `--param confidenceThreshold=0.8,0.9,0.95` varies a parameter for every policy of the sweep;
 * `--param gap-recovery:confidenceThreshold=0.8,0.9` only for that policy, so a baseline without the
 * parameter is not run once per value. Each policy's settings are the cartesian product of its axes,
 * parameter names in sorted order (so the same options in any order give the same sweep), values in
 * the order written, the last name varying fastest.
 */
import { UsageError } from '../errors.ts';

export interface ParamAxis {
  /** The policy the axis applies to, or null for every policy. */
  policy: string | null;
  name: string;
  values: number[];
}

const PARAM = /^(?:(.+):)?([A-Za-z_][A-Za-z0-9_.]*)=(.+)$/;

/** Parses one `--param [policy:]name=v1,v2,...`. */
export function parseParamOption(text: string, where = '--param'): ParamAxis {
  const match = PARAM.exec(text.trim());
  if (match === null) {
    throw new UsageError(`${where}: expected [policy:]name=v1,v2,... (e.g. gap-recovery:confidenceThreshold=0.8,0.9), got ${JSON.stringify(text)}`);
  }
  const values = match[3].split(',').map((piece) => {
    const value = Number(piece.trim());
    if (piece.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${where}: ${match[2]} value ${JSON.stringify(piece)} is not a number`);
    return value;
  });
  return paramAxis(match[1] ?? null, match[2], values, where);
}

/** Checks an axis given as data (a drill file's `params:`). */
export function paramAxis(policy: string | null, name: string, values: readonly number[], where: string): ParamAxis {
  if (values.length === 0) throw new UsageError(`${where}: ${name} has no values`);
  if (new Set(values).size !== values.length) throw new UsageError(`${where}: ${name} lists a value twice`);
  return { policy, name, values: [...values] };
}

/** Rejects two axes for one parameter of one policy (including "all policies" and one policy). */
export function requireDistinctAxes(axes: readonly ParamAxis[], policies: readonly string[]): void {
  for (const policy of policies) {
    const names = axes.filter((axis) => axis.policy === null || axis.policy === policy).map((axis) => axis.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) throw new UsageError(`--param: ${twice} is given twice for policy ${policy}`);
  }
  for (const axis of axes) {
    if (axis.policy !== null && !policies.includes(axis.policy)) {
      throw new UsageError(`--param ${axis.policy}:${axis.name}: ${axis.policy} is not one of the sweep's policies (${policies.join(', ')})`);
    }
  }
}

/** The parameter settings one policy runs with: `[{}]` when no axis applies to it. */
export function settingsFor(policy: string, axes: readonly ParamAxis[]): Record<string, number>[] {
  const applicable = axes
    .filter((axis) => axis.policy === null || axis.policy === policy)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let settings: Record<string, number>[] = [{}];
  for (const axis of applicable) {
    settings = settings.flatMap((setting) => axis.values.map((value) => ({ ...setting, [axis.name]: value })));
  }
  return settings;
}

/** `gap-recovery:confidenceThreshold=0.8,0.9`: the option that recreates an axis. */
export function formatParamAxis(axis: ParamAxis): string {
  return `${axis.policy === null ? '' : `${axis.policy}:`}${axis.name}=${axis.values.join(',')}`;
}
