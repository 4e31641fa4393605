/** The facts table's F1-F10 (README.md beside this file), in order, each defined in its own module. */
import type { FactDefinition } from './fact.ts';
import { f01 } from './f01-incidents-cost-more.ts';
import { f02 } from './f02-pausing-costs-delay.ts';
import { f03 } from './f03-queue-reset-tax.ts';
import { f04 } from './f04-panic-tail.ts';
import { f05 } from './f05-state-after-transport.ts';
import { f06 } from './f06-warmup-tail.ts';
import { f07 } from './f07-sequencer-signal.ts';
import { f08 } from './f08-log-size.ts';
import { f09 } from './f09-deficits-drive-catchup.ts';
import { f10 } from './f10-policies-differ.ts';

/** Built when asked for: F1, F9 and F10 read the checkout's scenarios and the bundled drill. */
export const FACTS: ReadonlyArray<() => FactDefinition> = [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10];

export function allFacts(): FactDefinition[] {
  return FACTS.map((define) => define());
}
