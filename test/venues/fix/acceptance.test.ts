// Conformance: QuickFIX's session-level acceptance scripts (shared/fix-acceptance, VALIDATION.md "FIX session
// layer") run over TCP on 127.0.0.1 against this engine as the acceptor. The two slow scripts (4a, 6) wait on
// real heartbeat intervals and run in acceptance-slow.test.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatTally, parseFieldPatterns, runSuite, startAcceptanceAcceptor, type AcceptanceAcceptor } from '../../../venues/fix/acceptance/index.ts';
import { acceptanceScripts } from './acceptance/scripts-dir.ts';

const SCRIPTS = acceptanceScripts();
const ACCEPTANCE_DIR = SCRIPTS.dir ?? '';
const SLOW = /^(4a|6)_/;

describe.runIf(SCRIPTS.dir !== undefined)(`QuickFIX session-level acceptance scripts${SCRIPTS.dir === undefined ? ` (skipped: ${SCRIPTS.skipReason})` : ''}`, () => {
  let engine: AcceptanceAcceptor;
  const patterns = () => parseFieldPatterns(readFileSync(`${ACCEPTANCE_DIR}fields.fmt`, 'latin1'));

  beforeAll(async () => {
    engine = await startAcceptanceAcceptor({ port: 0 });
  });
  afterAll(async () => {
    await engine.close();
  });

  for (const version of ['fix42', 'fix44']) {
    test(`${version}: every script passes except the documented QuickFIX deviations`, async () => {
      const results = await runSuite(`${ACCEPTANCE_DIR}${version}`, { host: '127.0.0.1', port: engine.port, patterns: patterns(), include: (name) => !SLOW.test(name) });
      console.log(formatTally(version, results));
      expect(results.filter((r) => r.verdict === 'failed').map((r) => `${r.name}: ${r.failure?.reason ?? r.note}`)).toEqual([]);
      expect(results.filter((r) => r.verdict === 'deviation').map((r) => r.name)).toEqual([
        '10_MsgSeqNumEqual.def',
        '1d_InvalidLogonBadSendingTime.def',
        '20_SimultaneousResendRequest.def',
        '3b_InvalidChecksum.def',
        '3c_GarbledMessage.def',
        '8_OnlyAdminMessages.def',
        'RejectResentMessage.def',
      ]);
      expect(results.length).toBeGreaterThanOrEqual(31);
    });
  }
});
