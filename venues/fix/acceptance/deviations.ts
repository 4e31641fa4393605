/**
 * The acceptance scripts that encode QuickFIX behaviour rather than the FIX spec (acceptance README,
 * "Caveats"). This engine follows the spec, so each of these fails at one known line with one known reply;
 * the suite reports it as a documented deviation only when it fails exactly there and that way, and as a
 * failure otherwise (including if it starts passing, so the list cannot go stale). Patterns are matched
 * against text with SOH shown as `|`. 10_MsgSeqNumEqual is not in the README's caveat list, but relies on the
 * same QuickFIX exemption (its Logout reuses MsgSeqNum 3 after a GapFill moved the expected number to 21).
 */
export interface Deviation {
  script: string;
  reason: string;
  /** The script line (E or e) at which the spec-following engine departs from the recorded QuickFIX reply. */
  failingLine: RegExp;
  /** What this engine sends there instead. */
  received: RegExp;
}

const QUICKFIX_SKIPS_SEQ_CHECK =
  'QuickFIX does not check MsgSeqNum of Logout and ResendRequest (Session.cpp: verify(msg, false, false)); FIX 4.4 Vol. 2 test 2c: a message with MsgSeqNum too low and no PossDupFlag is answered with Logout "MsgSeqNum too low" and a disconnect, for every message type except SequenceReset-Reset.';

export const DEVIATIONS: readonly Deviation[] = [
  {
    script: '1d_InvalidLogonBadSendingTime.def',
    reason:
      'A Logon whose SendingTime is out of tolerance is answered with a Logout whose Text says why ("Invalid Logon message: SendingTime accuracy problem, field=52", as QuickFIX/J sends it), then the connection is closed: FIX session test case 1B d (invalid Logon: send Logout with Text referencing the error condition, disconnect). QuickFIX C++ disconnects without a message.',
    failingLine: /^eDISCONNECT$/,
    received: /\|35=5\|34=1\|.*58=Invalid Logon message: SendingTime accuracy problem, field=52\|/,
  },
  {
    script: '8_OnlyAdminMessages.def',
    reason: `The second ResendRequest reuses MsgSeqNum 5 when 7 is expected (and the Logout reuses 6). ${QUICKFIX_SKIPS_SEQ_CHECK}`,
    failingLine: /^E8=FIX\.4\.\d\|9=93\|35=4\|34=1\|.*36=6\|/,
    received: /\|35=5\|34=6\|.*58=MsgSeqNum too low, expecting 7 but received 5\|/,
  },
  {
    script: '3b_InvalidChecksum.def',
    reason: `The closing Logout reuses MsgSeqNum 4 (already consumed by the Heartbeat held during the gap) when 5 is expected. ${QUICKFIX_SKIPS_SEQ_CHECK}`,
    failingLine: /^E8=FIX\.4\.\d\|9=51\|35=5\|34=4\|/,
    received: /\|35=5\|34=4\|.*58=MsgSeqNum too low, expecting 5 but received 4\|/,
  },
  {
    script: '3c_GarbledMessage.def',
    reason: `The closing Logout reuses MsgSeqNum 4 (already consumed by the Heartbeat held during the gap) when 5 is expected. ${QUICKFIX_SKIPS_SEQ_CHECK}`,
    failingLine: /^E8=FIX\.4\.\d\|9=51\|35=5\|34=4\|/,
    received: /\|35=5\|34=4\|.*58=MsgSeqNum too low, expecting 5 but received 4\|/,
  },
  {
    script: '10_MsgSeqNumEqual.def',
    reason: `The GapFill moves the expected MsgSeqNum to 20 and the TestRequest 20 is consumed, so the closing Logout with MsgSeqNum 3 is too low (21 expected). Not in the acceptance README's caveat list. ${QUICKFIX_SKIPS_SEQ_CHECK}`,
    failingLine: /^E8=FIX\.4\.\d\|9=51\|35=5\|34=3\|/,
    received: /\|35=5\|34=3\|.*58=MsgSeqNum too low, expecting 21 but received 3\|/,
  },
  {
    script: '20_SimultaneousResendRequest.def',
    reason: `After the gap 4-6 is filled, the held Heartbeat 7 and the ResendRequest 8 are consumed, so the Logout with MsgSeqNum 7 is too low (9 expected). ${QUICKFIX_SKIPS_SEQ_CHECK}`,
    failingLine: /^E8=FIX\.4\.\d\|9=51\|35=5\|34=5\|/,
    received: /\|35=5\|34=5\|.*58=MsgSeqNum too low, expecting 9 but received 7\|/,
  },
  {
    script: 'RejectResentMessage.def',
    reason:
      'The closing Logout has MsgSeqNum 11 when 5 is expected. Vol. 2 test 2b: a MsgSeqNum too high is answered with a ResendRequest for the gap (5 to infinity) before the Logout is confirmed; QuickFIX does not check Logout sequence numbers and confirms at once.',
    failingLine: /^E8=FIX\.4\.\d\|9=51\|35=5\|34=6\|/,
    received: /\|35=2\|34=6\|.*\|7=5\|16=0\|/,
  },
];
