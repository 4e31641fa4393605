/** The bundled policies, by name. */
import { cancelAllOnReconnect } from './cancel-all-on-reconnect.ts';
import { failoverFsm } from './failover-fsm.ts';
import { freezeUntilClean } from './freeze-until-clean.ts';
import { gapRecovery } from './gap-recovery.ts';
import { naive } from './naive.ts';
import { oracle } from './oracle.ts';
import { panicCatchup } from './panic-catchup.ts';
import { placeboPause } from './placebo-pause.ts';
import type { PolicyDefinition } from './policy.ts';
import { replayRegime } from './replay-regime.ts';
import { warmupAware } from './warmup-aware.ts';

export const BUNDLED_POLICIES: readonly PolicyDefinition[] = [
  naive,
  cancelAllOnReconnect,
  freezeUntilClean,
  panicCatchup,
  failoverFsm,
  replayRegime,
  gapRecovery,
  warmupAware,
  placeboPause,
  oracle,
];

export function findBundledPolicy(name: string): PolicyDefinition | undefined {
  return BUNDLED_POLICIES.find((definition) => definition.name === name);
}
