/** Exit codes and the one error class for expected user-facing failures. */
export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_INCONCLUSIVE = 2;
export const EXIT_INVARIANT_VIOLATED = 3;
/** BSD sysexits EX_USAGE: bad command line or bad input file. */
export const EXIT_USAGE = 64;
/** BSD sysexits EX_SOFTWARE: an internal error (a bug), reported with its stack. */
export const EXIT_INTERNAL = 70;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
