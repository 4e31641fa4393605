/**
 * The episode records a facts run can use, from every sweep directory under its root (one per fact and
 * block of seeds), indexed by episode: a record written for one fact serves every other fact that needs
 * the same (scenario, policy, params, seed). Only sweeps of this commit and runner count. A sweep's
 * records file is in the canonical order of its manifest's specs (harness/sweep/README.md), so record i
 * is spec i; an interrupted sweep holds a prefix of them. Records are kept without their trajectories
 * (about nine tenths of their size), so ten thousand episodes fit in memory.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { episodeKey, type EpisodeRecord, type EpisodeSpec } from '../episode/record.ts';
import { readManifest, RECORDS_FILE } from '../sweep/manifest.ts';
import { readRecordsFile } from '../sweep/records.ts';

const subdirectories = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)).filter((path) => statSync(path).isDirectory()) : [];

export class RecordStore {
  private readonly byEpisode = new Map<string, EpisodeRecord>();

  constructor(
    private readonly commit: string,
    private readonly runner: string,
  ) {}

  /** Reads every sweep directory two levels below `root` (`<root>/<fact>/<block>`). */
  scan(root: string): void {
    for (const fact of subdirectories(root)) for (const block of subdirectories(fact)) this.addSweep(block);
  }

  addSweep(dir: string): void {
    const manifest = readManifest(dir);
    const file = join(dir, RECORDS_FILE);
    if (manifest === null || manifest.commit !== this.commit || manifest.runner !== this.runner || manifest.shard.count !== 1 || !existsSync(file)) return;
    readRecordsFile(file).forEach((record, i) => {
      const spec = manifest.specs[i];
      // Facts read metrics and outcomes; the trajectory is most of a record's bytes, so it is not kept.
      const { trajectory: _trajectory, shadow: _shadow, ...slim } = record;
      if (spec !== undefined && spec.seed === record.seed && spec.scenarioFile === record.scenarioFile) this.byEpisode.set(episodeKey(spec), slim);
    });
  }

  get(spec: EpisodeSpec): EpisodeRecord | undefined {
    return this.byEpisode.get(episodeKey(spec));
  }

  get size(): number {
    return this.byEpisode.size;
  }

  has(spec: EpisodeSpec): boolean {
    return this.byEpisode.has(episodeKey(spec));
  }
}
