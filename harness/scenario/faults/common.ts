/** What every fault carries: its time (fixed or drawn per seed) and an optional inclusion probability. */
import { z } from 'zod';
import { probability, timeSpec } from '../primitives.ts';

export const faultTiming = { at: timeSpec, probability: probability.optional() };
export const sessionId = z.string().min(1);
