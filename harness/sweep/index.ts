// Sweeps: the episode list, worker threads, canonical-order records, shards and merge, resume.
export { buildSpecs, parseShard, shardIndices, formatShard, WHOLE_SWEEP, type Shard, type SweepRequest } from './plan.ts';
export { parseSeeds, requireSeedList } from './seeds.ts';
export { parseParamOption, paramAxis, settingsFor, formatParamAxis, type ParamAxis } from './params.ts';
export { runSweep, type SweepOptions, type SweepOutcome } from './run-sweep.ts';
export { mergeShards, type MergeOutcome } from './merge.ts';
export {
  SWEEP_MANIFEST_SCHEMA,
  MANIFEST_FILE,
  RECORDS_FILE,
  PENDING_FILE,
  readManifest,
  writeFileAtomic,
  type SweepManifest,
} from './manifest.ts';
export { readRecordSource, readRecordsFile, type RecordSource } from './records.ts';
export { DEFAULT_RUNNER_MODULE, PROJECT_ROOT, resolveRunner, type RunnerModule, type RunnerModuleExports } from './runner-module.ts';
export { resolveCommit } from './commit.ts';
export { replayCommand, shellQuote } from './replay.ts';
export { summariseRecords, type SweepSummary, type FailedEpisode } from './summary.ts';
export { createProgress, isCi, type Progress } from './progress.ts';
