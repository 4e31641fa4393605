/**
 * The chaos proxy's outputs: the verdict as text for a person, as JSON (schema `execdrill.chaos/1`) for a
 * machine, as JUnit XML for CI (one test case per rule and subject), and the frame log (JSON lines: every
 * frame a fault touched or the proxy made, then every frame seen, both directions, on and after arrival).
 */
import { junitSuiteXml } from '../io/junit-suite.ts';
import type { ProxyFaultPlan } from './proxy-faults.ts';
import type { ProxyRun, TouchedFrame } from './chaos-proxy.ts';
import type { Verdict } from './verdict.ts';

export const CHAOS_SCHEMA = 'execdrill.chaos/1';
const STATUS = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE' } as const;
const VERDICT = { 0: 'pass', 1: 'fail', 2: 'inconclusive' } as const;

export function verdictText(verdict: Verdict, plan: ProxyFaultPlan, run: ProxyRun): string {
  const fmt = (v: number | null) => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(3));
  const lines = [
    `engine under test: the ${verdict.engineUnderTest}; session ${plan.session}; ${plan.faults.length} fault(s) applied${plan.notApplied.length ? `, ${plan.notApplied.length} not applied` : ''}`,
    ...plan.notApplied.map((n) => `  not applied: faults[${n.index}] ${n.kind}: ${n.why}`),
    'Rules:',
    ...verdict.rules.map((r) => `  ${STATUS[r.status].padEnd(12)} ${r.rule} [${r.subject}]: ${r.detail}`),
    'KPIs (as the proxy measured them, ms):',
    `  ${Object.entries(verdict.kpis).map(([k, v]) => `${k}=${fmt(v)}`).join('  ')}`,
    ...verdict.gaps.map((g) => `  gap ${g.first}..${g.last}: asked ${g.requested.map((r) => `${r.beginSeqNo}..${r.endSeqNo}`).join(', ') || 'never'}; detection ${fmt(g.detectionLagMs)} ms, resend round trip ${fmt(g.resendRoundTripMs)} ms, recovery ${fmt(g.recoveryMs)} ms, ${g.replayFrames} replay frames (${g.resentSeqs} resent, ${g.gapFilledSeqs} gap-filled)`),
    `refused connections: ${run.refused.tooMany} while a session was up, ${run.refused.duringDisconnect} during a disconnect, ${run.refused.logonTimeout} without a Logon in time, ${run.refused.overflow} over the buffer bound`,
    `chaos-proxy: ${VERDICT[verdict.exitCode]} (exit ${verdict.exitCode}); ended: ${run.endReason}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function verdictJson(verdict: Verdict, plan: ProxyFaultPlan, run: ProxyRun, scenario: string, seed: number): string {
  return `${JSON.stringify(
    {
      schema: CHAOS_SCHEMA,
      scenario,
      seed,
      session: plan.session,
      verdict: VERDICT[verdict.exitCode],
      exitCode: verdict.exitCode,
      engineUnderTest: verdict.engineUnderTest,
      rules: verdict.rules,
      kpis: verdict.kpis,
      gaps: verdict.gaps,
      notApplied: plan.notApplied,
      faultsTouched: Object.fromEntries(run.touched),
      connections: run.observer.connections,
      refused: run.refused,
      endReason: run.endReason,
    },
    null,
    2,
  )}\n`;
}

export function verdictJunit(verdict: Verdict, scenario: string): string {
  return junitSuiteXml(
    `execdrill chaos-proxy ${scenario}`,
    verdict.rules.map((r) => ({ classname: `execdrill.chaos.${verdict.engineUnderTest}`, name: `${r.rule} [${r.subject}]`, status: r.status === 'pass' ? 'pass' : r.status === 'fail' ? 'fail' : 'skipped', message: r.detail })),
  );
}

/** The frame log: touched frames first (with the faults that acted), then every frame seen. */
export function frameLog(touched: readonly TouchedFrame[], run: ProxyRun): string {
  const t0 = run.observer.t0Ms ?? 0;
  const rel = (ms: number) => Math.round((ms - t0) * 1000) / 1000;
  const lines = [
    ...touched.map((t) => JSON.stringify({ kind: 'touched', tMs: rel(t.atMs), direction: t.direction, seq: t.seq, msgType: t.msgType, actions: t.actions, frame: t.frame.replaceAll('\x01', '|') })),
    ...run.observer.arrived.map((f) => JSON.stringify({ kind: 'arrived', tMs: rel(f.atMs), direction: f.direction, seq: f.seq, msgType: f.msgType, possDup: f.possDup })),
    ...run.observer.delivered.map((f) => JSON.stringify({ kind: 'delivered', tMs: rel(f.atMs), direction: f.direction, seq: f.seq, msgType: f.msgType, possDup: f.possDup, made: f.made })),
  ];
  return `${lines.join('\n')}\n`;
}
