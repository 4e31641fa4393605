import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationSyntaxError, formatDuration, parseClockTime, parseDuration } from '../../sim/index.ts';

describe('parseDuration', () => {
  it.each([
    ['500ns', 500],
    ['40us', 40_000],
    ['40µs', 40_000],
    ['250ms', 250_000_000],
    ['2s', 2_000_000_000],
    ['1.5m', 90_000_000_000],
    ['2min', 120_000_000_000],
    ['1h', 3_600_000_000_000],
    ['0s', 0],
    ['250 ms', 250_000_000],
    ['  2s ', 2_000_000_000],
    ['0.25ms', 250_000],
  ])('reads %j as %d ns', (input, expectedNs) => {
    expect(parseDuration(input)).toBe(expectedNs);
  });

  it('rounds a fraction of a nanosecond to the nearest nanosecond, so the clock stays integral', () => {
    expect(parseDuration('1.4ns')).toBe(1);
    expect(parseDuration('1.6ns')).toBe(2);
  });

  it.each(['10', '5 parsecs', '-1s', '', 's', '.5s', '1e3s', '1,5s', '2 seconds', '99999999999h'])(
    'rejects %j with an error that quotes the input and shows the expected form',
    (input) => {
      expect(() => parseDuration(input)).toThrow(DurationSyntaxError);
      expect(() => parseDuration(input)).toThrow(`expected a duration such as 250ms, 40us, 2s, 1.5m or 1h, got ${JSON.stringify(input)}`);
    },
  );
});

describe('parseClockTime', () => {
  it.each([
    ['00:00:00', 0],
    ['09:30:00', 34_200_000_000_000],
    ['09:30:00.250', 34_200_250_000_000],
    ['16:00:00.000000001', 57_600_000_000_001],
    ['23:59:59.999999999', 86_399_999_999_999],
  ])('reads %j as %d ns since midnight', (input, expectedNs) => {
    expect(parseClockTime(input)).toBe(expectedNs);
  });

  it.each(['25:00:00', '24:00:00', '12:60:00', '12:00:60', '9:30:00', '09:30', '09:30:00.1234567890', '09:30:00pm', '10s'])(
    'rejects %j with an error that quotes the input and shows the expected form',
    (input) => {
      expect(() => parseClockTime(input)).toThrow(DurationSyntaxError);
      expect(() => parseClockTime(input)).toThrow(`expected a clock time HH:MM:SS[.fff] such as 09:30:00, got ${JSON.stringify(input)}`);
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [0, '0ns'],
    [999, '999ns'],
    [40_000, '40us'],
    [1_500, '1.5us'],
    [250_000_000, '250ms'],
    [1_500_000_000, '1.5s'],
    [-2_000_000_000, '-2s'],
    [90_000_000_000, '90s'],
  ])('writes %d ns as %j', (ns, expected) => {
    expect(formatDuration(ns)).toBe(expected);
  });

  it('writes what parseDuration reads back to within the three decimals it keeps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), (ns) => {
        expect(Math.abs(parseDuration(formatDuration(ns)) - ns)).toBeLessThanOrEqual(Math.max(0, ns * 5e-4));
      }),
    );
  });
});
