import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFacts } from '../../../harness/facts/catalogue.ts';
import { armsOf, requireArmsInDesign } from '../../../harness/facts/design.ts';
import { findBundledPolicy } from '../../../policies/index.ts';

describe('the facts table', () => {
  const facts = allFacts();

  it('are F1 to F10, in order, each reading only episodes its design runs', () => {
    expect(facts.map((fact) => fact.id)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10']);
    for (const fact of facts) expect(() => requireArmsInDesign(fact)).not.toThrow();
  });

  it('run bundled policies on scenario files that exist', () => {
    for (const fact of facts) {
      for (const file of fact.design.scenarios) expect(existsSync(file), `${fact.id}: ${file}`).toBe(true);
      for (const policy of fact.design.policies) expect(findBundledPolicy(policy), `${fact.id}: ${policy}`).toBeDefined();
    }
  });

  it('start F4 at the 400 seeds it states, and cover every bundled 000, 002 and 004 scenario in F1', () => {
    expect(facts[3]).toMatchObject({ seeds: 400, seedsStated: true });
    expect(facts[0].design.scenarios).toContain('scenarios/002-fix-resend-storm.yaml');
    expect(facts[0].design.scenarios.filter((file) => /scenarios\/00[024]-/.test(file))).toHaveLength(facts[0].design.scenarios.length);
    expect(armsOf(facts[0].check)).toHaveLength(3 * facts[0].design.scenarios.length);
  });
});
