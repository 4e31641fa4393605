/**
 * The exogenous market against the endogenous one, on the same scenario, policy and seeds, in one run
 * (rounds interleaved, so a noisy machine slows both alike): the exogenous episode draws its seed's tape
 * once and replays it into its three runs; the endogenous one simulates the CST flow inside each run, as
 * every episode did before the tape. `ratio` is exogenous episodes per second over endogenous ones.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEpisode } from '../harness/episode/run-episode.ts';
import type { Bench } from './contract.ts';

const SCENARIO = 'scenarios/002-fix-gap-resend.yaml';
const SEEDS = [1, 2, 3, 4];
const ROUNDS = 3;

function endogenousCopy(): string {
  const text = readFileSync(SCENARIO, 'utf8').replace('flow: { model: cst, intensity: 5 }', 'flow: { model: cst, intensity: 5, mode: endogenous }');
  if (!text.includes('mode: endogenous')) throw new Error(`${SCENARIO}: its flow line changed; update bench/market.bench.ts`);
  const file = join(mkdtempSync(join(tmpdir(), 'execdrill-bench-')), 'endogenous.yaml');
  writeFileSync(file, text);
  return file;
}

function timeEpisodes(file: string, seedOffset: number): { seconds: number; events: number } {
  const start = performance.now();
  let events = 0;
  for (const seed of SEEDS) events += runEpisode({ scenarioFile: file, policy: 'gap-recovery', params: {}, seed: seed + seedOffset }).eventsSimulated;
  return { seconds: (performance.now() - start) / 1000, events };
}

export const benches: Bench[] = [
  {
    name: 'episode.market-modes',
    run() {
      const endogenous = endogenousCopy();
      runEpisode({ scenarioFile: SCENARIO, policy: 'gap-recovery', params: {}, seed: 100 });
      runEpisode({ scenarioFile: endogenous, policy: 'gap-recovery', params: {}, seed: 100 });
      let exoSeconds = 0;
      let endoSeconds = 0;
      let exoEvents = 0;
      let endoEvents = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // New seeds each round: the exogenous episodes draw their tapes, as in a sweep's first policy.
        const exo = timeEpisodes(SCENARIO, round * 100);
        const endo = timeEpisodes(endogenous, round * 100);
        exoSeconds += exo.seconds;
        endoSeconds += endo.seconds;
        exoEvents += exo.events;
        endoEvents += endo.events;
      }
      const episodes = SEEDS.length * ROUNDS;
      return {
        bench: 'episode.market-modes',
        episodesPerSec: Number((episodes / exoSeconds).toFixed(3)),
        eventsPerSec: exoEvents / exoSeconds,
        eventsPerEpisode: Math.round(exoEvents / episodes),
        referencePerSec: Number((episodes / endoSeconds).toFixed(3)),
        ratio: Number((endoSeconds / exoSeconds).toFixed(3)),
        note: `${SCENARIO}, gap-recovery, ${episodes} episodes each: exogenous tape vs endogenous CST (${Math.round(endoEvents / episodes)} events per episode)`,
      };
    },
  },
];
