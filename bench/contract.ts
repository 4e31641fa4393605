/**
 * The contract between `bench/index.ts` and the benchmark modules beside it. A module named
 * `bench/<topic>.bench.ts` exports `benches: Bench[]`; the runner finds it by its name, runs the
 * benches the filter selects, and prints their results as a table or as JSON lines.
 *
 * A result carries its headline rate (`eventsPerSec` for simulations, `opsPerSec` for anything else)
 * and, when the bench compares against a baseline, `ratio` = this rate / the baseline's rate, so that
 * a reader sees at once how far the code under test is from the bare version. Other numeric or text
 * fields are printed as they are.
 *
 * `run` may return a promise: a bench that times child processes running side by side has to wait for
 * their exits on the event loop. The runner still runs one bench at a time.
 */
export interface BenchResult {
  bench: string;
  eventsPerSec?: number;
  opsPerSec?: number;
  ratio?: number;
  [key: string]: unknown;
}

export interface Bench {
  /** Dotted name, topic first (`kernel.mm1`); `--filter` matches a substring of it. */
  name: string;
  run(): BenchResult | Promise<BenchResult>;
}
