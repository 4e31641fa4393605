/**
 * "What the router believed against the truth": from the incident run's state samples (every 100 ms,
 * belief beside venue truth), the worst moments of the incident window (fault onset to the parent's
 * end): live-set similarity, residual believed vs true, children of unknown fate, replay backlog, and
 * how long a gap was open or a session down. The summary figures are the record's own KPIs.
 */
import type { StateSample } from '../episode/world.ts';
import { seconds } from './clock.ts';
import { metric, type ExplainContext } from './context.ts';
import type { NarrativeStep, TimedEvent } from './narrative.ts';

const worst = (samples: readonly StateSample[], score: (s: StateSample) => number): StateSample | undefined =>
  samples.reduce<StateSample | undefined>((best, s) => (best === undefined || score(s) > score(best) ? s : best), undefined);

/** Total time and first/last moment a condition held, from 100 ms samples. */
function span(samples: readonly StateSample[], holds: (s: StateSample) => boolean) {
  const hits = samples.filter(holds);
  if (hits.length < 1) return undefined;
  const step = samples.length > 1 ? samples[1].atNs - samples[0].atNs : 0;
  return { first: hits[0].atNs, last: hits[hits.length - 1].atNs, totalNs: hits.length * step };
}

export function beliefStep(ctx: ExplainContext): NarrativeStep {
  const { run, clock } = ctx;
  const onset = clock.faultOnsetNs;
  const window = run.samples.filter((s) => (onset === null || s.atNs >= onset) && s.atNs <= run.parentEndNs);
  const events: TimedEvent[] = [];
  const paragraphs: string[] = [];
  const lssMin = metric(ctx, 'LSS_MIN');
  const sur = metric(ctx, 'SUR_QTY');
  const rwh = metric(ctx, 'RWH_MAX');
  const facts = { LSS_MIN: lssMin, LSS_BELOW_099_MS: metric(ctx, 'LSS_BELOW_099_MS'), SUR_QTY: sur, RWH_MAX: rwh };

  const gap = span(window, (s) => s.anyGapOpen);
  const down = span(window, (s) => s.anySessionDown);
  const lssLow = worst(window, (s) => 1 - s.liveSetSimilarity);
  const residualOff = worst(window, (s) => Math.abs(s.residualObsShares - s.residualTrueShares));
  const unknown = worst(window, (s) => s.unknownChildren);
  const backlog = worst(window, (s) => s.routerReplayBacklogMsgs);
  const venueBacklog = worst(window, (s) => s.venueBacklogMsgs);

  const clean =
    (lssLow === undefined || lssLow.liveSetSimilarity === 1) &&
    (residualOff === undefined || residualOff.residualObsShares === residualOff.residualTrueShares) &&
    (unknown === undefined || unknown.unknownChildren === 0);
  if (gap === undefined && down === undefined && clean) {
    paragraphs.push(`The router's belief matched venue truth throughout${onset === null ? '' : ' the incident'}: the same working orders (live-set similarity 1), the same residual, no child order of unknown fate, no sequence gap and no session down.`);
    return { section: 'belief', title: 'What the router believed against the truth', paragraphs, events, facts };
  }
  if (down !== undefined) {
    paragraphs.push(`A session was down (it could not send) for ${seconds(down.totalNs)} in all, from ${clock.at(down.first)} to ${clock.at(down.last)}.`);
    events.push(clock.event(down.first, 'a session is down'));
  }
  if (gap !== undefined) {
    paragraphs.push(`A sequence gap was open for ${seconds(gap.totalNs)} in all, from ${clock.at(gap.first)} to ${clock.at(gap.last)}: the router knew messages were missing and was waiting for their resend.`);
    events.push(clock.event(gap.first, 'a sequence gap is open'));
  }
  if (lssLow !== undefined && lssLow.liveSetSimilarity < 1) {
    paragraphs.push(
      `Live-set similarity (the share of working orders the router and the venue agree on) fell to ${lssLow.liveSetSimilarity.toFixed(3)} at ${clock.at(lssLow.atNs)} ` +
        `and stayed below 0.99 for ${((facts.LSS_BELOW_099_MS ?? 0) / 1000).toFixed(1)} s: the router thought orders were working that were not, or the reverse.`,
    );
    events.push(clock.event(lssLow.atNs, `live-set similarity at its lowest, ${lssLow.liveSetSimilarity.toFixed(3)}`));
  }
  if (residualOff !== undefined && residualOff.residualObsShares !== residualOff.residualTrueShares) {
    const diff = residualOff.residualObsShares - residualOff.residualTrueShares;
    paragraphs.push(
      `At ${clock.at(residualOff.atNs)} the router believed ${residualOff.residualObsShares} shares were still to buy or sell; the truth was ${residualOff.residualTrueShares}. ` +
        `${diff > 0 ? `It thought itself ${diff} shares behind where it was: fills had happened that it had not been told of, and a policy that trusts this deficit buys them again.` : `It thought itself ${-diff} shares further along than it was.`} ` +
        `SUR_QTY, the p95 of that gap while recovering, was ${sur ?? 'n/a'} shares.`,
    );
    events.push(clock.event(residualOff.atNs, `residual believed ${residualOff.residualObsShares} vs true ${residualOff.residualTrueShares} shares`));
  }
  if (unknown !== undefined && unknown.unknownChildren > 0) {
    paragraphs.push(`At most ${unknown.unknownChildren} child order(s) were of unknown fate (sent, but neither acknowledged nor known to be done), at ${clock.at(unknown.atNs)}.`);
    events.push(clock.event(unknown.atNs, `${unknown.unknownChildren} child order(s) of unknown fate`));
  }
  if (backlog !== undefined && backlog.routerReplayBacklogMsgs > 0) {
    paragraphs.push(`The router's replay backlog (messages it knew it still had to receive, RWH) peaked at ${backlog.routerReplayBacklogMsgs} at ${clock.at(backlog.atNs)}.`);
    events.push(clock.event(backlog.atNs, `replay backlog at its peak, ${backlog.routerReplayBacklogMsgs} messages`));
  }
  if (venueBacklog !== undefined && venueBacklog.venueBacklogMsgs > 0) {
    paragraphs.push(`The venue's own sequencer backlog peaked at ${venueBacklog.venueBacklogMsgs} messages at ${clock.at(venueBacklog.atNs)}.`);
    events.push(clock.event(venueBacklog.atNs, `venue backlog at its peak, ${venueBacklog.venueBacklogMsgs} messages`));
  }
  return { section: 'belief', title: 'What the router believed against the truth', paragraphs, events: events.sort((a, b) => a.atNs - b.atNs), facts };
}
