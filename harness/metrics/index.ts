// Metrics: implementation shortfall and its attribution, and the KPIs METRICS.md defines.
export * from './shortfall.ts';
export * from './square-root-impact.ts';
export * from './catalogue.ts';
export * from './gap-fill-ratio.ts';
