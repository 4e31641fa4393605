import { parseScenario } from '/work/wt/fix-engines/harness/scenario/index.ts';
import { runWorld } from '/work/wt/fix-engines/harness/episode/world.ts';
import { findPolicy } from '/work/wt/fix-engines/harness/episode/policy-loader.ts';
import { resolveParams } from '/work/wt/fix-engines/policies/index.ts';
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const loaded = parseScenario(readFileSync(file, 'utf8'), file);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
for (const seed of [1, 2, 3, 4, 5]) {
  const run = runWorld(loaded.scenario, file, findPolicy('naive').definition, resolveParams(findPolicy('naive').definition), seed, 'incident');
  const ev = run.orderEntry.ports[0].events;
  const gaps = ev.filter((e) => e.event.type === 'gap-detected');
  const out = gaps.map((g) => {
    const closed = ev.find((e) => e.event.type === 'gap-closed' && e.atNs >= g.atNs);
    const e = g.event as { fromSeq: number; toSeq: number };
    return `${e.fromSeq}..${e.toSeq} (${e.toSeq - e.fromSeq + 1}) detected ${(g.atNs / 1e6).toFixed(1)} recovery ${closed ? ((closed.atNs - g.atNs) / 1e6).toFixed(1) : '-'} ms`;
  });
  const rr = ev.filter((e) => e.event.type === 'resend-requested').map((e) => { const x = e.event as { beginSeqNo: number; endSeqNo: number }; return `${x.beginSeqNo}..${x.endSeqNo}`; });
  console.log(`seed ${seed}: gaps ${gaps.length}: ${out.join('; ')}; asked ${rr.join(', ')}; venue gaps ${[...run.orderEntry.venueSessions.values()][0].stats.gapsDetected}`);
}
