// Property-based regression tests for users' policies (`execdrill/testing`): fast-check arbitraries
// for fault schedules and scenarios, and checkPolicy, which runs a policy under them.
export { checkPolicy, PolicyPropertyFailure, type CheckPolicyOptions, type CheckPolicyReport } from './check-policy.ts';
export { scenarioArbitrary, scenarioYaml, STANDARD, type GeneratedScenario, type ScenarioArbitraryOptions } from './scenario-arbitrary.ts';
export {
  FAULT_ARBITRARIES,
  faultArbitrary,
  faultScheduleArbitrary,
  uncoveredFaultKinds,
  type FaultArbitraryFactory,
  type FaultInput,
  type FaultInputOf,
  type IncidentShape,
} from './fault-arbitraries.ts';
