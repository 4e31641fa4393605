import { describe, expect, it } from 'vitest';
import { SeedQueue, seedGroupOf } from '../../../harness/sweep/seed-queue.ts';
import type { ToWorker } from '../../../harness/sweep/worker-protocol.ts';

const task = (index: number, seed: number, policy: string, scenarioFile = 'a.yaml'): ToWorker => ({
  index,
  spec: { scenarioFile, policy, params: {}, seed },
});

function queueOf(tasks: ToWorker[]): SeedQueue {
  const queue = new SeedQueue();
  for (const t of tasks) queue.push(t);
  return queue;
}

describe('SeedQueue', () => {
  const sweep = [task(0, 1, 'naive'), task(1, 1, 'gap-recovery'), task(2, 2, 'naive'), task(3, 2, 'gap-recovery'), task(4, 3, 'naive')];

  it('gives two free workers different seeds, not two policies of one seed', () => {
    const queue = queueOf(sweep);
    const busy = new Set<string>();
    const first = queue.take(undefined, busy) as ToWorker;
    busy.add(seedGroupOf(first));
    const second = queue.take(undefined, busy) as ToWorker;
    expect([first.spec.seed, second.spec.seed]).toEqual([1, 2]);
  });

  it("keeps a worker on its last seed while that seed has episodes left", () => {
    const queue = queueOf(sweep);
    const first = queue.take(undefined, new Set()) as ToWorker;
    const next = queue.take(seedGroupOf(first), new Set()) as ToWorker;
    expect(next.index).toBe(1);
  });

  it('shares a seed another worker is on only when no other seed is left', () => {
    const queue = queueOf([task(0, 1, 'naive'), task(1, 1, 'gap-recovery')]);
    const first = queue.take(undefined, new Set()) as ToWorker;
    const shared = queue.take(undefined, new Set([seedGroupOf(first)]));
    expect(shared?.index).toBe(1);
    expect(queue.take(undefined, new Set())).toBeUndefined();
  });

  it('tells the same seed of two scenario files apart', () => {
    expect(seedGroupOf(task(0, 1, 'naive', 'a.yaml'))).not.toBe(seedGroupOf(task(1, 1, 'naive', 'b.yaml')));
  });

  it('hands every task out exactly once, a task put back first within its seed', () => {
    const queue = queueOf(sweep);
    const taken: number[] = [];
    let last: string | undefined;
    const first = queue.take(last, new Set()) as ToWorker;
    queue.unshift(first);
    for (let t = queue.take(last, new Set()); t !== undefined; t = queue.take(last, new Set())) {
      taken.push(t.index);
      last = seedGroupOf(t);
    }
    expect(taken).toEqual([0, 1, 2, 3, 4]);
  });
});
