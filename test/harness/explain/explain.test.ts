import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../../sim/index.ts';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import { explainEpisode, renderNarrative, type NarrativeStep } from '../../../harness/explain/index.ts';
import { playbookNamed } from '../../../harness/playbooks/index.ts';
import { describeTrigger } from '../../../harness/explain/triggers.ts';
import { UsageError } from '../../../harness/errors.ts';

const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';
const QUIET = 'test/harness/explain/quiet.yaml';
// tiny-gap.yaml (midday: time 0 is 12:00:00): the parent starts at 2 s, the disconnect fires at 15 s.
const RUNBOOK_STEPS = playbookNamed('002').runbook;
const PARENT_START_NS = 2 * NS_PER_S;
const FAULT_AT_NS = 15 * NS_PER_S;

const step = (steps: NarrativeStep[], section: NarrativeStep['section']) => {
  const found = steps.find((s) => s.section === section);
  if (found === undefined) throw new Error(`no ${section} step`);
  return found;
};

describe('explain: a real episode (tiny-gap, gap-recovery)', () => {
  const spec = { scenarioFile: TINY, policy: 'gap-recovery', params: {}, seed: 1 };
  const narrative = explainEpisode(spec);
  const record = runEpisode(spec);
  const text = renderNarrative(narrative);

  it('tells the sections in order (failure, belief, policy, runbook, cost, next), the runbook being playbook 002\'s (a session fault)', () => {
    expect(narrative.steps.map((s) => s.section)).toEqual(['failure', 'belief', 'policy', 'runbook', 'cost', 'next']);
    expect(narrative.playbook).toBe('002');
    expect(narrative.traceHash).toBe(record.traceHash);
  });

  it('mentions the fault at its resolved time on the session clock, from the parent\'s start and from the onset', () => {
    const failure = step(narrative.steps, 'failure');
    expect(failure.events[0].atNs).toBe(FAULT_AT_NS);
    expect(failure.events[0].sinceParentS).toBe((FAULT_AT_NS - PARENT_START_NS) / NS_PER_S);
    expect(failure.events[0].text).toMatch(/session s1 was cut for 5\.00 s/);
    expect(failure.events[0].clock).toBe('12:00:15.000');
    expect(failure.paragraphs.join(' ')).toContain('12:00:15.000 (fault +0.00 s)');
    expect(text).toContain('scenario time 0 is 12:00:00; the parent order started at 12:00:02.000');
  });

  it('lists the runbook steps in the runbook\'s order, at the record\'s times', () => {
    const runbook = step(narrative.steps, 'runbook');
    const happened = RUNBOOK_STEPS.filter((s) => record.timeline.runbook[s.key] !== null);
    expect(happened.length).toBeGreaterThanOrEqual(2);
    expect(runbook.events.map((e) => e.text)).toEqual(happened.map((s) => s.name));
    runbook.events.forEach((e, i) => expect(e.atNs).toBe(FAULT_AT_NS + Math.round((record.timeline.runbook[happened[i].key] as number) * NS_PER_MS)));
    const positions = RUNBOOK_STEPS.map((s) => text.indexOf(`. ${s.name}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('quotes cost numbers equal to the record\'s', () => {
    const cost = step(narrative.steps, 'cost');
    for (const name of ['IS_BPS', 'IS_CONTROL_BPS', 'IS_ORACLE_BPS', 'IS_FO_BPS', 'C_DIVERGENCE_BPS', 'C_QUEUE_RESET_BPS', 'C_THROTTLE_BPS', 'C_CATCHUP_BPS', 'ATTRIBUTION_RESIDUAL_BPS']) {
      expect(cost.facts[name]).toBe(record.metrics[name]);
    }
    const paragraphs = cost.paragraphs.join('\n');
    expect(paragraphs).toContain(`${(record.metrics.IS_BPS as number).toFixed(2)} bps`);
    expect(paragraphs).toContain(`IS_FO = ${(record.metrics.IS_FO_BPS as number).toFixed(2)} bps`);
  });

  it('gives each regime change of the record with the observation that triggered it', () => {
    const policy = step(narrative.steps, 'policy');
    expect(policy.events.map((e) => e.atNs)).toEqual(record.timeline.regimes.map((r) => r.atNs));
    const gapOpen = policy.paragraphs.find((p) => p.startsWith('GAP_OPEN'));
    // The fault is a disconnect: the policy must be shown seeing the session down.
    expect(gapOpen).toMatch(/session s1 (disconnected|connecting)/);
  });

  it('closes with the replay command', () => {
    expect(step(narrative.steps, 'next').paragraphs).toContain(record.replay);
  });
});

describe('explain: an episode where nothing fails', () => {
  const narrative = explainEpisode({ scenarioFile: QUIET, policy: 'naive', params: {}, seed: 2 });

  it('says nothing failed, that belief matched truth, and that there is nothing to attribute', () => {
    expect(narrative.faultOnsetNs).toBeNull();
    expect(step(narrative.steps, 'failure').paragraphs[0]).toMatch(/^Nothing failed in this episode: the scenario has no faults/);
    expect(step(narrative.steps, 'belief').paragraphs[0]).toMatch(/matched venue truth throughout/);
    expect(step(narrative.steps, 'runbook').events).toEqual([]);
    expect(step(narrative.steps, 'cost').facts.IS_FO_BPS).toBe(0);
    expect(step(narrative.steps, 'cost').paragraphs.join(' ')).toContain('nothing to attribute');
  });
});

describe('explain: bad input', () => {
  it('refuses an unknown policy, a missing scenario and a bad one as usage errors naming them', () => {
    expect(() => explainEpisode({ scenarioFile: TINY, policy: 'no-such-policy', params: {}, seed: 1 })).toThrow(new UsageError('unknown policy "no-such-policy" (see: execdrill list policies)'));
    expect(() => explainEpisode({ scenarioFile: 'no/such.yaml', params: {}, policy: 'naive', seed: 1 })).toThrow(/no\/such\.yaml/);
    expect(() => explainEpisode({ scenarioFile: 'test/fixtures/scenarios/bad-scenario.yaml', params: {}, policy: 'naive', seed: 1 })).toThrow(/market\.flow\.intensty: unknown key/);
  });
});

describe('describeTrigger', () => {
  const calm = {
    sessionsNotLoggedOn: [],
    gapOpen: false,
    replayBacklogMsgs: 0,
    newPossDups: 0,
    newGapFills: 0,
    newDisconnects: 0,
    newLogon: false,
    unknownChildren: 0,
    uncertainShares: 0,
    duplicateCandidates: 0,
    confidence: 1,
    deficitShare: 0,
    dropCopyDisagrees: false,
    feedRecovering: false,
    bookAgeNs: 0,
    coldGateways: [],
  };

  it('calls a calm observation calm, and names every abnormal signal of a troubled one', () => {
    expect(describeTrigger(calm)).toMatch(/^nothing abnormal in view/);
    const troubled = describeTrigger({ ...calm, gapOpen: true, newPossDups: 4, unknownChildren: 2, uncertainShares: 200, confidence: 0.25 });
    expect(troubled).toContain('sequence gap open');
    expect(troubled).toContain('4 PossDup replay(s)');
    expect(troubled).toContain('2 child order(s) of unknown fate (200 shares uncertain)');
    expect(troubled).toContain('state confidence 0.25');
  });
});
