// The public surface of harness/explain/: one episode told for a new engineer, as text or as structured steps.
export { explainEpisode, explainCommand } from './explain-episode.ts';
export { renderNarrative } from './render.ts';
export * from './narrative.ts';
