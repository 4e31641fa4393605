/** `execdrill explain`: one episode told step by step for a new engineer (its playbook's runbook and regime machine), as text or as JSON steps. */
import type { CommandModule } from 'yargs';
import { helpEpilogue } from '../sweep/options.ts';
import { episodeOptions, episodeSpecOf, type EpisodeArgs } from './episode-args.ts';

interface ExplainArgs extends EpisodeArgs {
  json: boolean;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain',
  describe: 'Explain one episode for a new engineer: what failed, belief vs truth, what the policy did and why, the runbook, the cost',
  builder: (yargs) =>
    episodeOptions(yargs.wrap(null))
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as structured steps (schema execdrill.explain/1)' })
      .epilogue(
        helpEpilogue(
          [
            ['the episode, narrated by its playbook (002: the FIX recovery runbook)', 'execdrill explain --scenario scenarios/002-fix-gap-resend.yaml --policy gap-recovery --seed 3'],
            ['a scale-out onto cold gateway nodes (playbook 003)', 'execdrill explain --scenario scenarios/003-autoscaling-cold-start.yaml --policy warmup-aware --seed 2'],
            ['as JSON steps', 'execdrill explain --scenario scenarios/002-fix-gap-resend.yaml --policy cancel-all-on-reconnect --seed 5 --json'],
          ],
          ['Times are on the session clock (the scenario\'s time zero), with the time from the first fault beside them.', 'Exit codes: 0 explained, 64 bad input.'],
        ),
      ),
  handler: async (argv) => {
    const spec = episodeSpecOf(argv);
    const { prepareEpisode } = await import('../episode/run-episode.ts');
    const { explainEpisode, renderNarrative } = await import('../explain/index.ts');
    await prepareEpisode(spec);
    const narrative = explainEpisode(spec);
    process.stdout.write(argv.json ? `${JSON.stringify(narrative, null, 2)}\n` : `${renderNarrative(narrative)}\n`);
  },
};
