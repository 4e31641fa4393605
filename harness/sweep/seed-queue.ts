/**
 * The pool's queue of episodes, grouped by (scenario file, seed). A worker keeps the runs (incident,
 * control, oracle) and market tapes it made for a seed (kept-runs.ts, market-path.ts), and every policy
 * of a sweep on that seed can reuse them, but only in the same worker. So a free worker takes the next
 * episode of the seed it ran last; when that seed has none left, the oldest seed no other worker is on;
 * only when every seed left is in another worker's hands does it share one (an idle core costs more
 * than running a seed's runs twice). Which worker runs an episode never changes its record, only how much is recomputed.
 */
import type { ToWorker } from './worker-protocol.ts';

export const seedGroupOf = (task: ToWorker): string => `${task.spec.scenarioFile}\u0000${task.spec.seed}`;

export class SeedQueue {
  /** Insertion-ordered: the oldest seed first. */
  private readonly groups = new Map<string, ToWorker[]>();

  push(task: ToWorker): void {
    this.add(task, 'tail');
  }

  /** Puts a task back at the head of its seed (an episode run again). */
  unshift(task: ToWorker): void {
    this.add(task, 'head');
  }

  /** The next task for a worker that last ran `lastGroup`, while `busyGroups` are being run by others. */
  take(lastGroup: string | undefined, busyGroups: ReadonlySet<string>): ToWorker | undefined {
    if (lastGroup !== undefined && this.groups.has(lastGroup)) return this.shiftFrom(lastGroup);
    let shared: string | undefined;
    for (const group of this.groups.keys()) {
      if (!busyGroups.has(group)) return this.shiftFrom(group);
      shared ??= group;
    }
    return shared === undefined ? undefined : this.shiftFrom(shared);
  }

  private add(task: ToWorker, end: 'head' | 'tail'): void {
    const group = seedGroupOf(task);
    const tasks = this.groups.get(group);
    if (tasks === undefined) this.groups.set(group, [task]);
    else if (end === 'head') tasks.unshift(task);
    else tasks.push(task);
  }

  private shiftFrom(group: string): ToWorker {
    const tasks = this.groups.get(group) as ToWorker[];
    const task = tasks.shift() as ToWorker;
    if (tasks.length === 0) this.groups.delete(group);
    return task;
  }
}
