import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../sim/index.ts';

const DRAWS = 8;
const seedArbitrary = fc.oneof(fc.integer(), fc.string({ maxLength: 12 }));
const nameArbitrary = fc.string({ minLength: 1, maxLength: 16 });

/** A target stream name, other names, and the others in a second creation order. */
const worldArbitrary = fc
  .tuple(nameArbitrary, fc.uniqueArray(nameArbitrary, { maxLength: 8 }))
  .map(([target, others]) => ({ target, others: others.filter((name) => name !== target) }))
  .chain(({ target, others }) =>
    fc.record({
      target: fc.constant(target),
      others: fc.constant(others),
      reordered: fc.shuffledSubarray(others, { minLength: others.length, maxLength: others.length }),
      // Which other stream draws between two draws of the target (indices taken modulo their count).
      interleave: fc.array(fc.nat(), { minLength: DRAWS, maxLength: DRAWS }),
    }),
  );

function targetDraws(seed: number | string, target: string, created: string[], interleave: number[] = []): number[] {
  const streams = new RandomStreams(seed);
  for (const name of created) streams.get(name);
  const others = created.filter((name) => name !== target);
  const draws: number[] = [];
  for (let i = 0; i < DRAWS; i++) {
    if (others.length > 0 && interleave.length > 0) streams.get(others[interleave[i] % others.length]).next();
    draws.push(streams.get(target).next());
  }
  return draws;
}

describe('RandomStreams properties', () => {
  it('gives a stream the same draws whichever other streams exist, in whatever order they were created and drawn', () => {
    fc.assert(
      fc.property(seedArbitrary, worldArbitrary, (seed, { target, others, reordered, interleave }) => {
        const alone = targetDraws(seed, target, []);
        expect(targetDraws(seed, target, [target, ...others])).toEqual(alone);
        expect(targetDraws(seed, target, [...reordered, target], interleave)).toEqual(alone);
        expect(targetDraws(seed, target, [...others.slice(0, 1), target, ...reordered], interleave)).toEqual(alone);
      }),
    );
  });

  it('gives different draws to different names and to different run seeds', () => {
    // Seeds are compared as text: 1 and '1' name the same run (the seed material is text) by design.
    fc.assert(
      fc.property(fc.uniqueArray(seedArbitrary, { minLength: 2, maxLength: 2, selector: (seed) => String(seed) }), fc.uniqueArray(nameArbitrary, { minLength: 2, maxLength: 2 }), ([seedA, seedB], [nameA, nameB]) => {
        expect(targetDraws(seedA, nameA, [])).not.toEqual(targetDraws(seedA, nameB, []));
        expect(targetDraws(seedA, nameA, [])).not.toEqual(targetDraws(seedB, nameA, []));
      }),
    );
  });
});
