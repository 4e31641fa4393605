import { describe, expect, it } from 'vitest';
import { InvariantViolation, Kernel } from '../../sim/index.ts';

describe('Kernel', () => {
  it('runs same-instant events in the order they were scheduled', () => {
    const kernel = new Kernel();
    const order: number[] = [];
    for (const label of [3, 1, 2]) kernel.schedule(100, () => order.push(label));
    kernel.schedule(50, () => order.push(0));
    kernel.run();
    expect(order).toEqual([0, 3, 1, 2]);
  });

  it('runs an event scheduled now from a handler after the events already pending at that instant', () => {
    const kernel = new Kernel();
    const order: string[] = [];
    kernel.schedule(10, (_kind, _data, k) => {
      order.push('first');
      k.schedule(k.now, () => order.push('scheduled-now'));
    });
    kernel.schedule(10, () => order.push('second'));
    kernel.run();
    expect(order).toEqual(['first', 'second', 'scheduled-now']);
  });

  it('never fires a cancelled event and reports stale ids as not cancelled', () => {
    const kernel = new Kernel();
    const fired: number[] = [];
    const a = kernel.schedule(10, () => fired.push(1));
    const b = kernel.schedule(20, () => fired.push(2));
    expect(kernel.cancel(a)).toBe(true);
    expect(kernel.cancel(a)).toBe(false);
    expect(kernel.pendingCount).toBe(1);
    kernel.run();
    expect(fired).toEqual([2]);
    expect(kernel.cancel(b)).toBe(false);
  });

  it('refuses to schedule in the past or at a fractional nanosecond', () => {
    const kernel = new Kernel();
    kernel.schedule(100, () => undefined);
    kernel.run();
    expect(() => kernel.schedule(99, () => undefined)).toThrow(InvariantViolation);
    expect(() => kernel.schedule(100.5, () => undefined)).toThrow(InvariantViolation);
  });

  it('stops at the until time with the clock set to it, leaving later events pending', () => {
    const kernel = new Kernel();
    kernel.schedule(10, () => undefined);
    kernel.schedule(30, () => undefined);
    const outcome = kernel.run({ until: 20 });
    expect(outcome).toEqual({ reason: 'until', eventsRun: 1, now: 20 });
    expect(kernel.pendingCount).toBe(1);
  });

  it('stops after an event budget and on request', () => {
    const kernel = new Kernel();
    for (let i = 0; i < 5; i++) kernel.schedule(i, (_k, _d, k) => (i === 3 ? k.stop() : undefined));
    expect(kernel.run({ maxEvents: 2 }).reason).toBe('budget');
    expect(kernel.run()).toMatchObject({ reason: 'stopped', eventsRun: 2, now: 3 });
  });
});
