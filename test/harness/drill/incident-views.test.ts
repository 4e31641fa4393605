// One incident, three views (a drill file's `views`): the designed scenario, the scenario imported from a real
// QuickFIX engine's log, and that engine's live run through the chaos proxy, from the recording in
// scenarios/incidents/gap-slow-replay/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillFileError, loadDrill } from '../../../harness/drill/drill-file.ts';
import { formatIncidentViews, incidentViews, liveKpis } from '../../../harness/drill/incident-views.ts';
import { UsageError } from '../../../harness/errors.ts';
import { execdrill, temporaryDirectory } from '../sweep/cli.ts';

const RECORDING = 'scenarios/incidents/gap-slow-replay';
const LOG = `${RECORDING}/FIX.4.4-CLIENT-VENUE.messages.current.log`;
const LIVE = `${RECORDING}/proxy-verdict.json`;
const DESIGNED = 'scenarios/chaos/fix-gap-slow-replay.yaml';

describe('incident views', () => {
  it("sets the imported scenario and the designed one beside the live run: the import reproduces it, the design's gaps come out smaller and slower", () => {
    const views = incidentViews({ name: 'gap', synthetic: DESIGNED, imported: null, log: LOG, live: LIVE, seeds: [1, 2, 3], tolerance: 0.1 });
    expect(views.role).toBe('initiator');
    expect(views.reference).toEqual({ kind: 'live', file: LIVE });
    expect(views.rows.map((row) => [row.kpi, row.reference])).toEqual([
      ['gaps', '1'],
      ['gap 1 size', '5'],
      ['gap 1 recovery ms', '404.8'],
    ]);
    expect(views.rows.every((row) => row.views.imported?.agrees)).toBe(true);
    // The designed scenario loses ExecutionReports only, so a heartbeat can reveal the gap before all five are lost.
    const designedSizes = views.rows[1].views.synthetic;
    expect(designedSizes?.agrees).toBe(false);
    expect(designedSizes?.runs.some((size) => Number(size) < 5)).toBe(true);
    const text = formatIncidentViews(views);
    expect(text[0]).toMatch(/^Incident views gap: session KPIs of the initiator, simulated with naive on seeds 1\.\.3/);
    expect(text.find((line) => line.trimStart().startsWith('gap 1 size'))).toMatch(/DIFFERS +5, 5, 5 agrees +5$/);
  });

  it("without a live run, sets the views against the log's own KPIs", () => {
    const views = incidentViews({ name: 'gap', synthetic: null, imported: null, log: LOG, live: null, seeds: [1], tolerance: 0.1 });
    expect(views.reference).toEqual({ kind: 'log', file: LOG });
    expect(views.rows.find((row) => row.kpi === 'gap 1 size')).toMatchObject({ reference: '5', views: { imported: { runs: ['5'], agrees: true } } });
  });

  it('refuses a file that is not a chaos-proxy verdict, naming the file and the field', () => {
    const dir = temporaryDirectory('views-bad');
    const notVerdict = join(dir, 'verdict.json');
    writeFileSync(notVerdict, JSON.stringify({ schema: 'execdrill.drill/1', gaps: [] }));
    expect(() => liveKpis(notVerdict)).toThrow(new UsageError(`${notVerdict}: schema: expected execdrill.chaos/1, a verdict.json of execdrill chaos-proxy --out`));
    writeFileSync(notVerdict, JSON.stringify({ schema: 'execdrill.chaos/1', engineUnderTest: 'initiator', gaps: [{ first: 30, last: 26, recoveryMs: 1 }] }));
    expect(() => liveKpis(notVerdict)).toThrow(/verdict\.json: gaps\[0\]: expected first <= last/);
    writeFileSync(notVerdict, '{"schema": ');
    expect(() => liveKpis(notVerdict)).toThrow(/verdict\.json: not JSON/);
  });

  it('is checked with the drill file: a view needs a scenario to simulate and a real run or log to set it against, and files that exist', () => {
    const dir = temporaryDirectory('views-drill');
    const drill = join(dir, 'drill.yaml');
    const root = process.cwd();
    writeFileSync(
      drill,
      [
        `scenarios: [${root}/${DESIGNED}]`,
        'policies: [naive]',
        'seeds: 1..2',
        'out: out',
        'gates: [no invariant violations]',
        'views:',
        `  - { synthetic: ${root}/${DESIGNED} }`,
        `  - { live: ${root}/${LIVE} }`,
        `  - { synthetic: no-such.yaml, live: ${root}/${LIVE}, seeds: 3..1 }`,
        `  - { imported: ${root}/${DESIGNED}, log: ${root}/${LOG} }`,
      ].join('\n'),
    );
    let problems: string[] = [];
    try {
      loadDrill(drill);
    } catch (error) {
      if (!(error instanceof DrillFileError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/views\[0\]: give live \(a chaos-proxy verdict\.json\) or log/),
      expect.stringMatching(/views\[1\]: give synthetic, imported or log: a scenario to simulate/),
      expect.stringMatching(/views\[2\]\.synthetic: no such file: .*no-such\.yaml/),
      expect.stringMatching(/views\[2\]\.seeds: /),
      expect.stringMatching(/views\[3\]\.imported: give imported \(a scenario file\) or log/),
    ]);
  });

  it('prints the views after the verdict block of the bundled incident-views drill', () => {
    const out = temporaryDirectory('views-cli');
    const result = execdrill(['drill', 'scenarios/drills/incident-views.yaml', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Incident views gap-slow-replay: session KPIs of the initiator/m);
    expect(result.stdout).toMatch(/^ {2}gap 1 size +\S.* DIFFERS +5, 5, 5 agrees +5$/m);
    expect(result.stdout.indexOf('Incident views')).toBeGreaterThan(result.stdout.indexOf('Gates:'));
  }, 60_000);
});
