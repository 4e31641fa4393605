import { describe, expect, it } from 'vitest';
import { ITEMS_BEFORE_ETA, TerminalProgress } from '../../../harness/sweep/progress.ts';

/** A progress bar on a fake clock, writing into a string. */
function bar(total: number) {
  let now = 0;
  let written = '';
  const progress = new TerminalProgress(total, 0, { write: (text: string) => ((written += text), true) }, 'sweep', 'episodes', () => now);
  return { progress, at: (ms: number) => (now = ms), last: () => written.split('\r\x1b[2K').pop() as string };
}

describe('sweep progress', () => {
  it('shows no ETA while workers start, so the first one shown is not inflated by the start-up', () => {
    // 480 episodes, 2 s each on one worker, after 5 s of start-up before the first finishes.
    const { progress, at, last } = bar(480);
    at(5_000);
    progress.update(1, 0);
    expect(last()).toContain('estimating time left');
    for (let done = 2; done <= 1 + ITEMS_BEFORE_ETA; done++) {
      at(5_000 + (done - 1) * 2_000);
      progress.update(done, 0);
    }
    expect(progress.rate()).toBeCloseTo(0.5, 6);
    // Counted from the start instead, the rate would be 4 / 11 s and the ETA 1,307 s; from the first finished, 952 s.
    expect(last()).toMatch(/0\.5 episodes\/s, eta 15m52s$/);
  });

  it('ends at the total with no ETA, and names its phase', () => {
    const { progress, at, last } = bar(3);
    at(1_000);
    progress.update(3, 1);
    expect(last()).toBe('sweep [########################] 3/3 1 failed');
  });
});
