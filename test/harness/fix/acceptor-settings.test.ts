// fix-acceptor's session settings by QuickFIX names: from flags, from a QuickFIX settings file, and the
// errors for what this engine cannot honour (harness/fix/acceptor-settings.ts, quickfix-settings.ts).
import { describe, expect, test } from 'vitest';
import { NS_PER_S } from '../../../sim/index.ts';
import { acceptorSettings } from '../../../harness/fix/acceptor-settings.ts';
import { parseQuickfixSettings } from '../../../harness/fix/quickfix-settings.ts';

const file = (text: string) => parseQuickfixSettings('acceptor.cfg', text).sessions;
const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
    return [];
  } catch (error) {
    return (error as Error).message.split('\n');
  }
};

describe('QuickFIX settings for the acceptor', () => {
  test('with no file, flags set the acceptance sessions: CompIDs, chunk size, latency, timeouts', () => {
    const s = acceptorSettings(undefined, { 'sender-comp-id': 'VENUE', 'target-comp-id': 'CLIENT', 'resend-request-chunk-size': '5', 'max-latency': '30', 'logon-timeout': '3', 'reset-on-logon': 'N' });
    expect(s.sessions.map((x) => [x.beginString, x.senderCompId, x.targetCompId, x.resendChunkSize, x.sendingTimeToleranceMs, x.resetOnLogon])).toEqual([
      ['FIX.4.2', 'VENUE', 'CLIENT', 5, 30_000, false],
      ['FIX.4.4', 'VENUE', 'CLIENT', 5, 30_000, false],
    ]);
    expect(s.logonTimeoutMs).toBe(3_000);
    expect(acceptorSettings(undefined, { 'begin-string': 'FIX.4.4' }).sessions.map((x) => x.targetCompId)).toEqual(['TW44']);
    expect(acceptorSettings(undefined, { 'check-latency': 'N' }).sessions[0].sendingTimeToleranceMs).toBe(0);
  });

  test('a settings file: [DEFAULT] under each [SESSION], flags over both, file-only settings listed as ignored', () => {
    const sessions = file('# venue\n[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=5001\nResendRequestChunkSize=10\nFileStorePath=store\nStartTime=00:00:00\nEndTime=00:00:00\n[SESSION]\nBeginString=FIX.4.4\nSenderCompID=VENUE\nTargetCompID=A\n[SESSION]\nBeginString=FIX.4.2\nSenderCompID=VENUE\nTargetCompID=B\nPersistMessages=N\nLogoutTimeout=2\n');
    const s = acceptorSettings(sessions, { 'resend-request-chunk-size': '3' });
    expect(s.port).toBe(5001);
    expect(s.sessions).toEqual([
      { beginString: 'FIX.4.4', senderCompId: 'VENUE', targetCompId: 'A', resendChunkSize: 3 },
      { beginString: 'FIX.4.2', senderCompId: 'VENUE', targetCompId: 'B', resendChunkSize: 3, persistMessages: false, logoutTimeoutNs: 2 * NS_PER_S },
    ]);
    expect(s.ignored).toEqual(['FileStorePath']);
  });

  test('every problem of a file comes back at once, each with its line, and nothing is silently ignored', () => {
    const problems = problemsOf(() => acceptorSettings(file('[DEFAULT]\nConnectionType=initiator\nStartTime=08:00:00\nEndTime=16:00:00\nResetOnDisconnect=Y\nTypo=1\n[SESSION]\nBeginString=FIX.5.0\nSenderCompID=V\nMaxLatency=-1\n'), {}));
    expect(problems).toEqual([
      expect.stringContaining('acceptor.cfg:6: unknown setting Typo'),
      'acceptor.cfg:2: ConnectionType=initiator is not supported: this engine runs as the acceptor',
      'acceptor.cfg:5: ResetOnDisconnect=Y is not supported: sequence numbers reset at Logon only (ResetOnLogon)',
      'acceptor.cfg:4: StartTime 08:00:00 and EndTime 16:00:00 make a schedule; sessions here run all day (set them equal)',
      'acceptor.cfg:8: BeginString must be FIX.4.2 or FIX.4.4, got "FIX.5.0"',
      'acceptor.cfg:10: MaxLatency must be a whole number, got "-1"',
      '[SESSION] 1: the session needs BeginString, TargetCompID',
    ]);
  });

  test('malformed files and duplicate sessions are errors with their lines', () => {
    expect(problemsOf(() => file('SenderCompID=X\n[ACCEPTOR]\n[SESSION]\nnot a setting\nA=1\nA=2\n'))).toEqual([
      'acceptor.cfg:1: SenderCompID is outside any section (start with [DEFAULT] or [SESSION])',
      'acceptor.cfg:2: unknown section [ACCEPTOR] (expected [DEFAULT] or [SESSION])',
      'acceptor.cfg:4: expected Name=Value, got "not a setting"',
      'acceptor.cfg:6: A is set twice in this section (first at acceptor.cfg:5)',
    ]);
    expect(problemsOf(() => file('[DEFAULT]\nBeginString=FIX.4.4\n'))).toEqual(['acceptor.cfg: no [SESSION] section']);
    const twice = file('[DEFAULT]\nBeginString=FIX.4.4\nSenderCompID=V\nTargetCompID=C\n[SESSION]\n[SESSION]\n');
    expect(problemsOf(() => acceptorSettings(twice, {}))).toEqual(['session FIX.4.4:V->C is defined twice']);
  });
});
