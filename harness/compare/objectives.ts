/** The tail objectives a tuning sweep's settings are ranked on; a module of its own so that `--help` loads no statistics. */
export const OBJECTIVES = ['p95', 'p99'] as const;
