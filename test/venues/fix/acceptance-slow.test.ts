// Conformance, slow part: 4a_NoDataSentDuringHeartBtInt (~12 s) and 6_SendTestRequest (~34 s) wait on real
// heartbeat intervals (HeartBtInt 6 s), so they run for real, not with time scaled: both versions at once,
// each against its own engine, to keep the wall time near the longest script.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classify, parseFieldPatterns, runScript, startAcceptanceAcceptor } from '../../../venues/fix/acceptance/index.ts';
import { acceptanceScripts } from './acceptance/scripts-dir.ts';

const SCRIPTS = acceptanceScripts();
const ACCEPTANCE_DIR = SCRIPTS.dir ?? '';

describe.runIf(SCRIPTS.dir !== undefined).concurrent(`QuickFIX acceptance scripts that wait on HeartBtInt${SCRIPTS.dir === undefined ? ` (skipped: ${SCRIPTS.skipReason})` : ''}`, () => {
  for (const version of ['fix42', 'fix44'] as const) {
    for (const script of ['4a_NoDataSentDuringHeartBtInt.def', '6_SendTestRequest.def']) {
      test(`${version}/${script}`, async () => {
        const engine = await startAcceptanceAcceptor({ port: 0, beginStrings: [version === 'fix42' ? 'FIX.4.2' : 'FIX.4.4'] });
        try {
          const patterns = parseFieldPatterns(readFileSync(`${ACCEPTANCE_DIR}fields.fmt`, 'latin1'));
          const result = classify(await runScript(script, readFileSync(`${ACCEPTANCE_DIR}${version}/${script}`, 'latin1'), { host: '127.0.0.1', port: engine.port, patterns }));
          console.log(`${version}/${script}: ${result.verdict} in ${(result.durationMs / 1000).toFixed(1)} s`);
          expect(result.failure).toBeUndefined();
        } finally {
          await engine.close();
        }
      }, 60_000);
    }
  }
});
