/**
 * A fact's check may only read episodes its design runs: every arm it names must be in the design's
 * scenarios x policies x settings. A fact that breaks this is a bug in its definition, caught before
 * any episode runs.
 */
import { settingsFor } from '../sweep/params.ts';
import type { Arm, Check, FactDefinition } from './fact.ts';

export function armsOf(check: Check): Arm[] {
  switch (check.kind) {
    case 'statistic':
      return [check.sample.arm];
    case 'paired':
      return [check.a.arm, check.b.arm];
    case 'share':
      return [check.arm];
    case 'all':
    case 'any':
      return check.checks.flatMap(armsOf);
  }
}

const sameSetting = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([name, value]) => b[name] === value);

export function requireArmsInDesign(fact: FactDefinition): void {
  const { scenarios, policies, params } = fact.design;
  for (const arm of armsOf(fact.check)) {
    const inDesign = scenarios.includes(arm.scenario) && policies.includes(arm.policy) && settingsFor(arm.policy, params).some((setting) => sameSetting(setting, arm.params));
    if (!inDesign) throw new Error(`${fact.id}: its check reads ${arm.policy} ${JSON.stringify(arm.params)} in ${arm.scenario}, which its design does not run`);
  }
}
