/** A fact's statistics in words, for the report: `p95(IS_BPS): cancel-all-on-reconnect − gap-recovery in 002-fix-gap-resend`. */
import { scenarioName, type Arm, type Sample, type ShareCheck } from './fact.ts';

const policyText = (arm: Arm): string => {
  const params = Object.entries(arm.params).map(([name, value]) => `${name}=${value}`);
  return params.length === 0 ? arm.policy : `${arm.policy} (${params.join(', ')})`;
};

export const describeArm = (arm: Arm): string => `${policyText(arm)} in ${scenarioName(arm.scenario)}`;

const where = (sample: Sample): string => (sample.where === undefined ? '' : ` where ${sample.where.text}`);

export const describeSample = (stat: string, sample: Sample): string => `${stat}(${sample.metric}) of ${describeArm(sample.arm)}${where(sample)}`;

/** stat(b) − stat(a), naming only what differs between the two samples. */
export function describePaired(stat: string, a: Sample, b: Sample): string {
  const sameScenario = a.arm.scenario === b.arm.scenario;
  const samePolicy = policyText(a.arm) === policyText(b.arm);
  if (sameScenario && samePolicy) return `${stat}(${b.metric}) − ${stat}(${a.metric}) of ${describeArm(a.arm)}${where(b)}`;
  const metric = a.metric === b.metric ? `${stat}(${a.metric})` : `${stat}(${b.metric} vs ${a.metric})`;
  if (sameScenario) return `${metric}: ${policyText(b.arm)} − ${policyText(a.arm)} in ${scenarioName(a.arm.scenario)}${where(b)}`;
  if (samePolicy) return `${metric} of ${policyText(a.arm)}: ${scenarioName(b.arm.scenario)} − ${scenarioName(a.arm.scenario)}${where(b)}`;
  return `${metric}: ${describeArm(b.arm)} − ${describeArm(a.arm)}${where(b)}`;
}

export function describeShare(check: ShareCheck): string {
  const among = check.population === undefined ? '' : ` among those with ${check.population.text}`;
  return `share of ${describeArm(check.arm)} episodes with ${check.success.text}${among}`;
}
