/** The tail objectives a tuning sweep's settings are ranked on, and the bound on bootstrap resamples; a module of its own so that `--help` loads no statistics. */
export const OBJECTIVES = ['p95', 'p99'] as const;

/** The most bootstrap resamples an interval may ask for (more never ends in useful time). */
export const RESAMPLES_MAX = 100_000;
