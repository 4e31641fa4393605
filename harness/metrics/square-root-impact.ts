/**
 * The square-root law of market impact: I = Y * sigma * (Q / V)^delta with delta = 1/2 (Tóth et al.
 * 2011; Bouchaud et al., "Trades, Quotes and Prices", 2018), validated against VALIDATION.md M6. Episodes do
 * not use it yet: a forced clean-up is priced by what it actually paid in the simulated book.
 * Units: sigma is the daily volatility as a fraction, Q and V in shares; the result is a fraction
 * of price (multiply by 1e4 for bps). Under uniform execution the impact builds as the square root of
 * the executed share, so the average price paid carries 2/3 of the terminal impact.
 */
export function squareRootImpact(params: { y: number; sigma: number; qtyShares: number; volumeShares: number; delta?: number }): number {
  return params.y * params.sigma * Math.pow(params.qtyShares / params.volumeShares, params.delta ?? 0.5);
}

/** Average impact paid over a uniform execution: the integral of I(q) dq / Q, which for delta = 1/2 is 2/3 of I(Q). */
export function averageImpactUniform(terminalImpact: number, delta = 0.5): number {
  return terminalImpact / (1 + delta);
}
