/**
 * "What the policy did and why": each regime the policy passed through, the observation that moved it
 * there (from the regime watch), and what it did while there: child orders sent by purpose (playbook 000's
 * normal, re-entry, catch-up, clean-up) and placement, cancels, and decisions that paused sending. It opens
 * with the regime machine the scenario's playbook prescribes, and whether this policy is the one that runs it.
 */
import type { Ns } from '../../sim/index.ts';
import type { Playbook } from '../playbooks/index.ts';
import type { ChildRecordEntry } from '../router/router.ts';
import { seconds } from './clock.ts';
import type { ExplainContext } from './context.ts';
import type { NarrativeStep } from './narrative.ts';
import { describeTrigger } from './triggers.ts';

const PURPOSE_WORDS: Record<string, string> = {
  normal: 'on schedule',
  reentry: 're-entering cancelled quantity',
  catchup: 'catching up above the schedule',
  cleanup: 'forced clean-up at the horizon',
};

function childrenInWords(children: readonly ChildRecordEntry[]): string {
  if (children.length === 0) return 'sent no child orders';
  const groups = new Map<string, { count: number; shares: number }>();
  for (const c of children) {
    const key = `${c.placement} ${c.purpose}`;
    const g = groups.get(key) ?? { count: 0, shares: 0 };
    g.count++;
    g.shares += c.qtyShares;
    groups.set(key, g);
  }
  const parts = [...groups].map(([key, g]) => {
    const [placement, purpose] = key.split(' ');
    return `${g.count} ${placement} (${g.shares} shares, ${PURPOSE_WORDS[purpose] ?? purpose})`;
  });
  return `sent ${children.length} child order(s): ${parts.join(', ')}`;
}

/** The playbook's regime machine in a sentence, and how this policy stands to it. */
function machineInWords(playbook: Playbook, policy: string, regimes: readonly string[]): string {
  const { states, policy: implementer } = playbook.regimeMachine;
  const machine = states.map((state) => state.name).join(' -> ');
  if (implementer === null) return `Playbook ${playbook.id} describes the gateway's own states (${machine}), not a router's; no bundled policy has a regime machine for it.`;
  const visited = states.filter((state) => regimes.includes(state.name)).map((state) => `${state.name} (${state.meaning})`);
  if (implementer === policy) return `Playbook ${playbook.id} prescribes the regime machine ${machine}; ${policy} implements it, and here it passed through ${visited.join('; ')}.`;
  return `Playbook ${playbook.id} prescribes the regime machine ${machine}, which ${implementer} implements; ${policy} is not that policy${regimes.length <= 1 ? ` and stayed in ${regimes[0] ?? 'its one regime'} throughout` : ''}.`;
}

export function policyStep(ctx: ExplainContext): NarrativeStep {
  const { run, clock, changes, policy, playbook } = ctx;
  const router = run.router;
  const endNs = run.parentEndNs;
  const paragraphs = [
    `The policy is ${policy.name} ${policy.version}, from ${policy.source}. In its own words: ${policy.summary}`,
    machineInWords(playbook, policy.name, [...new Set(changes.map((change) => change.to))]),
  ];
  const events = [];
  const facts: Record<string, number | string | null> = { REGIME_CHANGES: Math.max(0, changes.length - 1) };
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    const until: Ns = changes[i + 1]?.atNs ?? endNs;
    const inBand = (t: Ns) => t >= change.atNs && t < until;
    const children = router.childLog.filter((c) => inBand(c.sentAtNs) && c.purpose !== 'cleanup');
    const cancels = router.cancelsSent.filter((c) => inBand(c.atNs) && c.reason === 'policy');
    const decisions = run.decisions.filter((d) => inBand(d.atNs));
    const paused = decisions.filter((d) => d.paused).length;
    const why = change.from === null ? `it starts there (${describeTrigger(change.signals)})` : `it left ${change.from} on seeing ${describeTrigger(change.signals)}`;
    const did = [
      childrenInWords(children),
      cancels.length > 0 ? `cancelled ${cancels.length} working child order(s) (${cancels.reduce((n, c) => n + c.qtyShares, 0)} shares) that it would later re-enter at the back of the queue` : '',
      paused > 0 ? `paused sending at ${paused} of ${decisions.length} decisions` : '',
    ].filter((s) => s !== '');
    paragraphs.push(`${change.to} from ${clock.at(change.atNs)} for ${seconds(until - change.atNs)}: ${why}. While there it ${did.join('; ')}.`);
    events.push(clock.event(change.atNs, `${change.from ?? 'start'} -> ${change.to}`));
  }
  const cleanup = router.childLog.filter((c) => c.purpose === 'cleanup');
  const horizonCancels = router.cancelsSent.filter((c) => c.reason === 'horizon');
  if (cleanup.length > 0 || horizonCancels.length > 0) {
    paragraphs.push(
      `At the horizon, ${clock.at(endNs)}, the router cancelled ${horizonCancels.length} child order(s) still working` +
        (cleanup.length > 0 ? ` and swept the believed residual with ${cleanup.reduce((n, c) => n + c.qtyShares, 0)} shares of IOC clean-up.` : '.'),
    );
  }
  const byPurpose = (p: string) => router.childLog.filter((c) => c.purpose === p).reduce((n, c) => n + c.qtyShares, 0);
  for (const p of ['normal', 'reentry', 'catchup', 'cleanup']) facts[`SENT_${p.toUpperCase()}_SHARES`] = byPurpose(p);
  facts.CANCELS_BY_POLICY = router.cancelsSent.filter((c) => c.reason === 'policy').length;
  return { section: 'policy', title: 'What the policy did and why', paragraphs, events, facts };
}
