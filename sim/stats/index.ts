// Statistics for comparing runs: quantiles (Hyndman & Fan type 7), upper-tail VaR and expected
// shortfall (Acerbi & Tasche), seeded bootstrap intervals (single, paired, unpaired; weighted for importance
// sampling), batch means,
// Student's t, Clopper-Pearson proportions, sequential looks (alpha spending), histogram and summary.
// Pure functions; randomness only through a UniformSource passed in.
export * from './quantile.ts';
export * from './sorted-sample.ts';
export * from './tail-risk.ts';
export * from './statistic.ts';
export * from './bootstrap.ts';
export * from './weighted-tail.ts';
export * from './weighted-bootstrap.ts';
export * from './student-t.ts';
export * from './binomial.ts';
export * from './sequential-looks.ts';
export * from './batch-means.ts';
export * from './histogram.ts';
export * from './summary.ts';
