// Failover timelines for each takeover design and failure kind (seed 000 "failure anatomy"): when the
// failure is detected and by which signal, when the backup logs on (transport recovery), when the
// replay clears and the live set is reconciled (state recovery), and what was lost or unknown.
import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../../../sim/index.ts';
import { DEFAULT_STATUS_ANSWERS_PER_SEC } from '../../../../venues/fix/counterparty/index.ts';
import { auditFailoverAccounting } from '../../../../venues/gateway/failover/failover-audit.ts';
import { FAIL_AT_NS, runEpisode, type Episode } from './scenario.ts';
import {
  CONNECT_DELAY_NS,
  CONTROLLER_HEARTBEAT_NS,
  HEART_BT_INT_SEC,
  INBOUND_NS,
  LINK_LATENCY_NS,
  MISSED_HEARTBEATS,
  PROMOTION_NS,
  RECONNECT_INITIAL_NS,
  RESET_NOTICE_NS,
  RETURN_NS,
  SERVICE_NS,
} from './world.ts';

const LOGON_ROUND_TRIP_NS = 2 * LINK_LATENCY_NS;
const HEARTBEAT_DETECTION_NS = Math.floor(FAIL_AT_NS / CONTROLLER_HEARTBEAT_NS) * CONTROLLER_HEARTBEAT_NS + MISSED_HEARTBEATS * CONTROLLER_HEARTBEAT_NS;
// FIX Vol. 2 test 6: a TestRequest after HeartBtInt x (1 + grace) of silence, disconnect after as long again.
const VENUE_SILENCE_LIMIT_NS = 2 * Math.round(HEART_BT_INT_SEC * NS_PER_S * 1.2);
/** The venue answers status requests at a rate: the last of n answers leaves n - 1 spacings after the first. */
const pacedAnswersNs = (n: number) => (n - 1) * (NS_PER_S / DEFAULT_STATUS_ANSWERS_PER_SEC);

function audit(episode: Episode) {
  const { world } = episode;
  return auditFailoverAccounting(world.gateway.ledger.sentOrderIds(), world.gateway.ledger.beliefs(), world.truth(), world.gateway.losses);
}

function lossesOf(episode: Episode): [string, string, string][] {
  return episode.world.gateway.losses.map((loss) => [loss.clOrdId, loss.reason, loss.detail]);
}

const INSIDE_PRIMARY: [string, string, string][] = [
  ['inbound', 'inside-primary', 'inbound'],
  ['service', 'inside-primary', 'in-service'],
  ['blind', 'sent-to-dead-primary', 'sent during the blind window'],
];

describe('shared-store resume (design a)', () => {
  it('process crash: the reset is noticed at once; the backup resumes the session; a resend returns what the primary missed, with PossDup', () => {
    const episode = runEpisode('process-crash', { design: 'shared-store' });
    const t = episode.world.gateway.timeline;
    expect(t.detectionSignal).toBe('connection-reset');
    expect(t.detectedAtNs).toBe(FAIL_AT_NS + RESET_NOTICE_NS);
    // The resumed session connects on its reconnect timer.
    expect(t.backupLoggedOnAtNs).toBe(t.detectedAtNs! + PROMOTION_NS + RECONNECT_INITIAL_NS + CONNECT_DELAY_NS + LOGON_ROUND_TRIP_NS);
    expect(t.replayClearedAtNs).toBe(t.backupLoggedOnAtNs! + 2 * LINK_LATENCY_NS);
    // The venue asked for its own gap (the order cut off on the link) with its Logon, so the resend is on
    // its way before the status requests: their first answer comes back one round trip after the logon,
    // the last after the venue's pacing of the rest.
    expect(t.statusRequestsSent).toBe(8);
    expect(t.liveSetReconciledAtNs).toBe(t.backupLoggedOnAtNs! + 2 * LINK_LATENCY_NS + RETURN_NS + pacedAnswersNs(t.statusRequestsSent));
    // The two fills written after the crash come back as replays.
    expect(t.possDupReceived).toBe(2);
    expect(episode.world.router.eventTypes()).toEqual([
      'session-up',
      'session-down',
      'failure-detected',
      'takeover-started',
      'session-up',
      'status-requested',
      'gap-detected',
      'resend-requested',
      'resend-served',
      'replay-cleared',
      'live-set-reconciled',
    ]);
    expect(lossesOf(episode)).toEqual(INSIDE_PRIMARY);
    // The order on the FIX link at the crash was resent from the shared store: it is working at the venue.
    expect(episode.world.truth().get(episode.onFixLink)).toEqual({ working: true, cumQtyShares: 0 });
    expect(audit(episode)).toEqual([]);
  });

  it('host loss: heartbeats detect it; the venue refuses the backup until its own heartbeat timeout closes the old connection', () => {
    const episode = runEpisode('host-loss', { design: 'shared-store' });
    const { gateway, venueEvents, primary } = episode.world;
    const t = gateway.timeline;
    expect(t.detectionSignal).toBe('heartbeat-timeout');
    expect(t.detectedAtNs).toBe(HEARTBEAT_DETECTION_NS);
    // The order on the link at the failure still arrives: the venue's last word from the primary.
    const lastHeardNs = FAIL_AT_NS - 100_000 + INBOUND_NS + SERVICE_NS + LINK_LATENCY_NS;
    const venueDrop = venueEvents.find((e) => e.compId === 'GW' && e.event.type === 'disconnected');
    expect(venueDrop?.atNs).toBe(lastHeardNs + VENUE_SILENCE_LIMIT_NS);
    expect(primary.slot.refusedConnects).toBeGreaterThan(0);
    // The first reconnect attempt after the venue let go, within one maximal backoff (1 s).
    expect(t.backupLoggedOnAtNs! - venueDrop!.atNs).toBeGreaterThan(0);
    expect(t.backupLoggedOnAtNs! - venueDrop!.atNs).toBeLessThanOrEqual(1 * NS_PER_S + 2 * CONNECT_DELAY_NS + LOGON_ROUND_TRIP_NS);
    // Everything the venue wrote to the dead primary comes back replayed: the ack of the order on the link and two fills.
    expect(t.possDupReceived).toBe(3);
    expect(t.liveSetReconciledAtNs).toBeGreaterThan(t.backupLoggedOnAtNs!);
    expect(lossesOf(episode)).toEqual(INSIDE_PRIMARY);
    expect(audit(episode)).toEqual([]);
  });
});

describe('own session logon (design b)', () => {
  it('process crash: the backup logs on at once with its own identity; no replay; the order cut off on the link is unknown at the venue', () => {
    const episode = runEpisode('process-crash', { design: 'own-session' });
    const { gateway, router, truth } = episode.world;
    const t = gateway.timeline;
    expect(t.backupLoggedOnAtNs).toBe(t.detectedAtNs! + PROMOTION_NS + CONNECT_DELAY_NS + LOGON_ROUND_TRIP_NS);
    expect(t.replayClearedAtNs).toBe(t.backupLoggedOnAtNs);
    expect(t.liveSetReconciledAtNs).toBe(t.backupLoggedOnAtNs! + 2 * LINK_LATENCY_NS + RETURN_NS + pacedAnswersNs(t.statusRequestsSent));
    expect(t.possDupReceived).toBe(0);
    expect(router.eventTypes()).not.toContain('gap-detected');
    expect(truth().has(episode.onFixLink)).toBe(false);
    const answer = router.messages.map((m) => m.message.body).find((b) => b.msgType === '8' && b.clOrdId === episode.onFixLink);
    expect(answer).toMatchObject({ execType: 'I', ordStatus: '8', text: 'unknown order' });
    // The fills written after the crash went to the primary's session and stay there: only status answers tell.
    expect(router.messages.filter((m) => m.message.body.msgType === '8' && m.message.body.execType === 'F' && m.atNs > FAIL_AT_NS)).toEqual([]);
    expect(gateway.ledger.order('o2')).toMatchObject({ status: 'done', cumQtyShares: 100 });
    expect(audit(episode)).toEqual([]);
  });

  it('host loss: the backup trades ~3 s after the failure while the venue still holds the primary session open', () => {
    const episode = runEpisode('host-loss', { design: 'own-session' });
    const { gateway, venueEvents, primary, backupOwn } = episode.world;
    const t = gateway.timeline;
    expect(t.backupLoggedOnAtNs).toBe(HEARTBEAT_DETECTION_NS + PROMOTION_NS + CONNECT_DELAY_NS + LOGON_ROUND_TRIP_NS);
    const venueDrop = venueEvents.find((e) => e.compId === 'GW' && e.event.type === 'disconnected');
    expect(venueDrop!.atNs).toBeGreaterThan(t.backupLoggedOnAtNs!);
    // Reports the venue wrote to the dead primary's session: sent, never read.
    expect(primary.venueSide.nextSenderSeqNum).toBeGreaterThan(primary.session.nextTargetSeqNum);
    expect(backupOwn.slot.refusedConnects).toBe(0);
    expect(audit(episode)).toEqual([]);
  });
});

describe('determinism', () => {
  it('the same episode twice gives the same timeline, events, reports and losses', () => {
    const record = () => {
      const { world } = runEpisode('host-loss', { design: 'own-session', dropCopy: true });
      return JSON.stringify([world.gateway.timeline, world.router.events, world.router.messages, world.router.dropCopy, world.gateway.losses]);
    };
    expect(record()).toBe(record());
  });
});
