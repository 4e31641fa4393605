/**
 * `execdrill explain`: one episode told step by step for a new engineer (seed 002's runbook order), as
 * text or as JSON steps. The episode runs on a watched worker (as `run` does); an episode that ran is
 * then replayed here with its policy watched, which is deterministic and so gives the same trace.
 */
import type { CommandModule } from 'yargs';
import { prepareEpisode } from '../episode/run-episode.ts';
import { explainEpisode, renderNarrative } from '../explain/index.ts';
import { runWatchedEpisode } from '../sweep/one-episode.ts';
import { printable } from '../terminal-text.ts';
import { exitCodeOf } from './run.ts';
import { episodeOptions, episodeSpecOf, type EpisodeArgs } from './episode-args.ts';

interface ExplainArgs extends EpisodeArgs {
  json: boolean;
}

export const explainCommand = (setExit: (code: number) => void): CommandModule<object, ExplainArgs> => ({
  command: 'explain',
  describe: 'Explain one episode for a new engineer: what failed, belief vs truth, what the policy did and why, the runbook, the cost',
  builder: (yargs) =>
    episodeOptions(yargs)
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as structured steps (schema execdrill.explain/1)' })
      .example('$0 explain --scenario scenarios/002-fix-gap-resend.yaml --policy gap-recovery --seed 3', 'the episode, narrated')
      .example('$0 explain --scenario scenarios/002-fix-gap-resend.yaml --policy cancel-all-on-reconnect --seed 5 --json', 'the same as JSON steps'),
  handler: async (argv) => {
    const spec = episodeSpecOf(argv);
    // The episode runs first on a watched worker: a policy that loops, exits or cannot load fails there.
    const record = await runWatchedEpisode(spec);
    if (record.status === 'ok') await prepareEpisode(spec);
    const narrative = explainEpisode(spec, record);
    process.stdout.write(argv.json ? `${JSON.stringify(narrative, null, 2)}\n` : `${printable(renderNarrative(narrative))}\n`);
    setExit(exitCodeOf(record));
  },
});
