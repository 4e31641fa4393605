/** `execdrill explain`: one episode told step by step for a new engineer (its playbook's runbook and regime machine), as text or as JSON steps. */
import type { CommandModule } from 'yargs';
import { episodeOptions, episodeSpecOf, type EpisodeArgs } from './episode-args.ts';

interface ExplainArgs extends EpisodeArgs {
  json: boolean;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain',
  describe: 'Explain one episode for a new engineer: what failed, belief vs truth, what the policy did and why, the runbook, the cost',
  builder: (yargs) =>
    episodeOptions(yargs)
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as structured steps (schema execdrill.explain/1)' })
      .example('$0 explain --scenario scenarios/002-fix-gap-resend.yaml --policy gap-recovery --seed 3', 'the episode, narrated')
      .example('$0 explain --scenario scenarios/002-fix-gap-resend.yaml --policy cancel-all-on-reconnect --seed 5 --json', 'the same as JSON steps'),
  handler: async (argv) => {
    const spec = episodeSpecOf(argv);
    const { prepareEpisode } = await import('../episode/run-episode.ts');
    const { explainEpisode, renderNarrative } = await import('../explain/index.ts');
    await prepareEpisode(spec);
    const narrative = explainEpisode(spec);
    process.stdout.write(argv.json ? `${JSON.stringify(narrative, null, 2)}\n` : `${renderNarrative(narrative)}\n`);
  },
};
