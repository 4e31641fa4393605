// The public surface of the market models that act on the exogenous tape: our impact and the parent's alpha.
export * from './impact-model.ts';
export * from './resilient-square-root-impact.ts';
export * from './reference-shift.ts';
