/** What every fault carries: its time (fixed or drawn per seed) and an optional inclusion probability. */
import { z } from 'zod';
import { probability, timeSpec } from '../primitives.ts';

export const faultTiming = {
  at: timeSpec.describe('When the fault begins, from the simulator\'s start: a duration, or { between: [a, b] } to draw it per seed.'),
  probability: probability.optional().describe('The chance, per seed, that the fault happens at all (swarm testing); always when left out.'),
};
export const sessionId = z.string().min(1).describe('The session (in sessions) the fault hits.');
