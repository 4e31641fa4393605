import { describe, expect, it } from 'vitest';
import { compareRecords, type CompareOptions } from '../../../../harness/compare/index.ts';
import { pageScripts, reportData, reportPage, type ReportData } from '../../../../harness/report/html/index.ts';
import type { RecordSource } from '../../../../harness/sweep/records.ts';
import { RandomStreams } from '../../../../sim/index.ts';
import { record } from '../../compare/records.ts';

const OPTIONS: CompareOptions = { baseline: 'naive', objective: 'p95', level: 0.9, resamples: 400, seed: 5 };

/** Two scenarios: one with eight seeds per policy (intervals), one with three (too few for intervals). */
function sources(): RecordSource[] {
  const rng = new RandomStreams(11).get('test.report.costs');
  const records = [];
  for (const [scenario, seeds] of [['fix-resend', 8], ['tricky </script> <b>name</b>', 3]] as const) {
    for (const policy of ['naive', 'gap-recovery']) {
      for (let seed = 1; seed <= seeds; seed++) {
        const fo = 10 * rng.next() + (policy === 'naive' ? 5 : 0);
        records.push(record(policy, seed, { IS_BPS: fo + 2, IS_CONTROL_BPS: 2, IS_FO_BPS: fo, COMPLETION: 1 }, { scenario }));
      }
    }
  }
  return [{ path: 'hand-built.jsonl', records, expected: null }];
}

const embedded = (html: string): ReportData => {
  const match = /<script type="application\/json" id="execdrill-data">(.*?)<\/script>/s.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse((match as RegExpExecArray)[1]);
};

describe('reportData', () => {
  const data = reportData(sources(), OPTIONS);

  it('embeds the comparison exactly as compare gives it for the same records and options', () => {
    expect(data.comparison).toEqual(compareRecords(sources(), OPTIONS));
  });

  it('has one explorer episode per record, under the comparison column label of its policy, by scenario', () => {
    expect(data.episodes).toHaveLength(22);
    const labels = (scenario: number) => data.comparison.scenarios[scenario].columns.map((column) => column.label);
    for (const episode of data.episodes) expect(labels(episode.scenario)).toContain(episode.policy);
    expect(data.episodes.filter((e) => e.scenario === 0 && e.policy === 'gap-recovery').map((e) => e.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives tail bars whose estimates are the comparison p95 and p99 of IS_FO_BPS, with whiskers around them only from five seeds', () => {
    data.comparison.scenarios.forEach((scenario, s) => {
      scenario.columns.forEach((column, c) => {
        const bar = data.tails[s][c];
        expect(bar.label).toBe(column.label);
        expect(bar.p95?.estimate).toBeCloseTo(column.IS_FO_BPS?.p95 as number, 12);
        expect(bar.p99?.estimate).toBeCloseTo(column.IS_FO_BPS?.p99 as number, 12);
        for (const point of [bar.p95, bar.p99]) {
          if (column.episodes >= 5) {
            expect(point?.low).toBeLessThanOrEqual(point?.estimate as number);
            expect(point?.high).toBeGreaterThanOrEqual(point?.estimate as number);
            expect(point?.high).toBeGreaterThan(point?.low as number);
          } else {
            expect(point).toMatchObject({ low: null, high: null });
          }
        }
      });
    });
  });

  it('is reproducible: the same records and options give the same data', () => {
    expect(JSON.stringify(reportData(sources(), OPTIONS))).toBe(JSON.stringify(data));
  });
});

describe('reportPage', () => {
  const data = reportData(sources(), OPTIONS);
  const html = reportPage(data, pageScripts());

  it('carries its data intact, even a scenario named with </script>, and escapes that name in the markup', () => {
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(html).toContain('tricky &lt;/script&gt; &lt;b&gt;name&lt;/b&gt;');
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('references nothing outside itself and forbids requests by its content security policy', () => {
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i);
    expect(html).toContain(`content="default-src 'none';`);
    expect(html).toContain('Chart.defaults');
  });

  it('shows each scenario with the differences against the baseline and a verdict per cell', () => {
    expect(html).toContain('id="scenario-0"');
    expect(html).toContain('id="tail-chart-1"');
    expect(html).toContain('Difference from naive');
    expect(html).toMatch(/class="verdict (better|worse|not-significant)"/);
    expect(html).toContain('too few pairs (3)');
  });
});
