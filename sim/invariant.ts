/**
 * Invariant checks. A violated invariant is a bug in the simulator or a model, never a domain
 * outcome, so it throws and is never swallowed: the harness reports it with the seed that replays it.
 */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantViolation';
  }
}

export function invariant(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new InvariantViolation(typeof message === 'function' ? message() : message);
}
