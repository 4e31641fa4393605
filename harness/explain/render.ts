/** An explanation as terminal text: a header, then each step's title, its paragraphs wrapped, and its timeline. */
import { formatClockTime } from '../../sim/index.ts';
import type { Narrative } from './narrative.ts';

const WIDTH = 100;

/** Commands stay on one line, so they can be copied. */
function wrap(text: string, indent: string): string {
  if (text.startsWith('npx ')) return `${indent}  ${text}`;
  const hanging = text.startsWith('- ') || /^\d+\. /.test(text) ? `${indent}   ` : indent;
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = hanging;
    }
    line += line.trim() === '' ? word : ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

export function renderNarrative(n: Narrative): string {
  const clock = `Times: the session clock (scenario time 0 is ${formatClockTime(n.timeZeroNs)}; the parent order started at ${formatClockTime(n.timeZeroNs + n.parentStartNs, 3)})`;
  const onset = n.faultOnsetNs === null ? ', and nothing failed.' : `, and "fault +" counts from the first fault, at ${formatClockTime(n.timeZeroNs + n.faultOnsetNs, 3)}.`;
  const out = [`${n.scenario} / ${n.policy} / seed ${n.seed}   trace ${n.traceHash.slice(0, 12)}`, `${clock}${onset}`];
  n.steps.forEach((step, i) => {
    out.push('', `${i + 1}. ${step.title}`);
    for (const p of step.paragraphs) out.push(wrap(p, '   '));
    if (step.events.length > 0 && step.section !== 'runbook') {
      out.push('   timeline:');
      for (const e of step.events) out.push(`     ${e.clock}${e.sinceFaultS === null ? '' : `  fault ${(e.sinceFaultS < 0 ? '-' : '+') + Math.abs(e.sinceFaultS).toFixed(2)} s`.padEnd(18)}  ${e.text}`);
    }
  });
  return out.join('\n');
}
