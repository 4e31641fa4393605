// The public surface of policies/: the policy interface, what a policy sees and decides, the bundled policies.
export * from './observation.ts';
export * from './decision.ts';
export * from './policy.ts';
export * from './signals.ts';
export * from './regime-machine.ts';
export * from './catalogue.ts';
export { classifyReplayRegime, REPLAY_REGIMES, type ReplayFeatures, type RegimeProbabilities } from './replay-regime.ts';
export * from './contract.ts';
