/**
 * The pool's queue of episodes, grouped by (scenario file, seed). A worker keeps the control runs and
 * market tapes it made for a seed (control-runs.ts, market-path.ts), and every policy of a sweep on that
 * seed can reuse them, but only in the same worker. So a free worker takes the next episode of the seed
 * it ran last; when that seed has none left, the oldest seed no other worker is on; only when every
 * seed left is in another worker's hands does it share one (an idle core costs more than a second
 * control run). Which worker runs an episode never changes its record, only how much is recomputed.
 */
import type { ToWorker } from './worker-protocol.ts';

export const seedGroupOf = (task: ToWorker): string => `${task.spec.scenarioFile}\u0000${task.spec.seed}`;

export class SeedQueue {
  /** Insertion-ordered: the oldest seed first. */
  private readonly groups = new Map<string, ToWorker[]>();
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(task: ToWorker): void {
    const group = seedGroupOf(task);
    const tasks = this.groups.get(group);
    if (tasks === undefined) this.groups.set(group, [task]);
    else tasks.push(task);
    this.size++;
  }

  /** Puts a task back at the head of its seed (an episode run again). */
  unshift(task: ToWorker): void {
    const group = seedGroupOf(task);
    const tasks = this.groups.get(group);
    if (tasks === undefined) this.groups.set(group, [task]);
    else tasks.unshift(task);
    this.size++;
  }

  /** The next task for a worker that last ran `lastGroup`, while `busyGroups` are being run by others. */
  take(lastGroup: string | undefined, busyGroups: ReadonlySet<string>): ToWorker | undefined {
    const own = lastGroup === undefined ? undefined : this.groups.get(lastGroup);
    if (own !== undefined) return this.shiftFrom(lastGroup as string, own);
    let shared: string | undefined;
    for (const group of this.groups.keys()) {
      if (!busyGroups.has(group)) return this.shiftFrom(group, this.groups.get(group) as ToWorker[]);
      shared ??= group;
    }
    return shared === undefined ? undefined : this.shiftFrom(shared, this.groups.get(shared) as ToWorker[]);
  }

  private shiftFrom(group: string, tasks: ToWorker[]): ToWorker {
    const task = tasks.shift() as ToWorker;
    if (tasks.length === 0) this.groups.delete(group);
    this.size--;
    return task;
  }
}
