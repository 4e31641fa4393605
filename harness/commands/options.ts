/** Option parsing shared by commands: `--param name=value` pairs. */
import { UsageError } from '../errors.ts';

export function parseParams(pairs: readonly string[] | undefined): Record<string, number> {
  const params: Record<string, number> = {};
  for (const pair of pairs ?? []) {
    const match = /^([A-Za-z][A-Za-z0-9]*)=(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(pair);
    if (!match) throw new UsageError(`--param ${pair}: expected name=number, e.g. --param confidenceThreshold=0.9`);
    params[match[1]] = Number(match[2]);
  }
  return params;
}
