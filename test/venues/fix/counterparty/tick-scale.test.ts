// Prices between the wire's decimals and the book's ticks: exact decimals out, off-tick prices refused.
import { describe, expect, it } from 'vitest';
import { TickScale } from '../../../../venues/fix/counterparty/index.ts';

describe('TickScale', () => {
  it('writes a tick count as the exact decimal, without binary float residue', () => {
    expect(new TickScale(0.01).price(10_005)).toBe(100.05);
    expect(new TickScale(0.01).price(123_457)).toBe(1234.57);
    expect(new TickScale(0.25).price(17)).toBe(4.25);
    expect(new TickScale(0.005).price(20_001)).toBe(100.005);
    expect(new TickScale(5).price(3)).toBe(15);
  });

  it('reads a decimal on the tick grid back as ticks, including ones that are inexact in binary', () => {
    expect(new TickScale(0.01).ticks(100.05)).toBe(10_005);
    expect(new TickScale(0.01).ticks(0.1 + 0.2)).toBe(30);
    expect(new TickScale(0.25).ticks(4.25)).toBe(17);
    expect(new TickScale(5).ticks(15)).toBe(3);
  });

  it('refuses a price off the tick grid rather than rounding it', () => {
    expect(new TickScale(0.01).ticks(100.005)).toBeUndefined();
    expect(new TickScale(0.25).ticks(4.1)).toBeUndefined();
    expect(new TickScale(5).ticks(12)).toBeUndefined();
    expect(new TickScale(0.01).ticks(Number.NaN)).toBeUndefined();
  });

  it('averages a notional over a quantity: 3 @ 100.00 and 3 @ 100.01 average 100.005', () => {
    expect(new TickScale(0.01).averagePrice(3 * 10_000 + 3 * 10_001, 6)).toBe(100.005);
    expect(new TickScale(0.01).averagePrice(0, 0)).toBe(0);
  });

  it('throws on a tick size that is not a positive decimal', () => {
    expect(() => new TickScale(0)).toThrow(/tick size/);
    expect(() => new TickScale(1e-7)).toThrow(/tick size/);
  });
});
