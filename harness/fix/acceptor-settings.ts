/**
 * What `execdrill fix-acceptor` and `fix-acceptance` host: sessions of the echo acceptor, set by QuickFIX
 * setting names, from a settings file (quickfix-settings.ts), from command-line flags named after them
 * (`--sender-comp-id` is SenderCompID), or from neither (the acceptance scripts' sessions: ISLD, TW42/TW44).
 * A flag applies to every session and wins over the file. Each setting is checked with its origin in the
 * message; a setting this engine cannot honour (a schedule, ResetOnDisconnect=Y) is an error, never ignored.
 * Settings that only concern files or an initiator are accepted and listed as ignored.
 * Units: QuickFIX's (seconds for MaxLatency, LogonTimeout, LogoutTimeout).
 */
import { NS_PER_S } from '../../sim/index.ts';
import { acceptanceSessions, type EchoSessionSpec } from '../../venues/fix/acceptance/index.ts';
import { BEGIN_STRINGS, type BeginString } from '../../venues/fix/codec/index.ts';
import { UsageError } from '../errors.ts';
import type { SessionSettings, SettingValue } from './quickfix-settings.ts';

/** The QuickFIX settings a flag can set, by flag name. */
export const SETTING_FLAGS = {
  'begin-string': 'BeginString',
  'sender-comp-id': 'SenderCompID',
  'target-comp-id': 'TargetCompID',
  'resend-request-chunk-size': 'ResendRequestChunkSize',
  'reset-on-logon': 'ResetOnLogon',
  'persist-messages': 'PersistMessages',
  'check-latency': 'CheckLatency',
  'max-latency': 'MaxLatency',
  'logon-timeout': 'LogonTimeout',
  'logout-timeout': 'LogoutTimeout',
  'test-request-delay-multiplier': 'TestRequestDelayMultiplier',
} as const;
export type SettingFlag = keyof typeof SETTING_FLAGS;

/** Accepted and without effect here: file and database stores and logs, dictionaries, initiator-only settings. */
const IGNORED = new Set([
  'FileStorePath', 'FileLogPath', 'FileLogBackupPath', 'DataDictionary', 'TransportDataDictionary', 'AppDataDictionary', 'UseDataDictionary',
  'ValidateUserDefinedFields', 'ValidateFieldsOutOfOrder', 'ValidateFieldsHaveValues', 'MillisecondsInTimeStamp', 'TimestampPrecision',
  'HeartBtInt', 'ReconnectInterval', 'SocketConnectHost', 'SocketConnectPort', 'SocketNodelay', 'SocketReuseAddress', 'ScreenLogShowIncoming',
  'ScreenLogShowOutgoing', 'ScreenLogShowEvents', 'RefreshOnLogon', 'SendRedundantResendRequests', 'TimeZone', 'UseLocalTime',
]);
const KNOWN = new Set<string>([...Object.values(SETTING_FLAGS), 'ConnectionType', 'StartTime', 'EndTime', 'ResetOnLogout', 'ResetOnDisconnect', 'SocketAcceptPort', 'SocketAcceptAddress']);

export interface AcceptorSettings {
  sessions: EchoSessionSpec[];
  /** SocketAcceptPort, when the file gives one. */
  port: number | undefined;
  /** SocketAcceptAddress (QuickFIX/J's name), when the file gives one. */
  host: string | undefined;
  /** LogonTimeout of the first session, ms: how long a connection may stay without a Logon. */
  logonTimeoutMs: number | undefined;
  /** Settings present and ignored, for the start-up line. */
  ignored: string[];
}

class Checker {
  readonly problems: string[] = [];
  constructor(private readonly settings: SessionSettings) {}

  raw(name: string): SettingValue | undefined {
    return this.settings.get(name);
  }
  text(name: string, pattern: RegExp, expected: string): string | undefined {
    const setting = this.settings.get(name);
    if (setting === undefined) return undefined;
    if (pattern.test(setting.value)) return setting.value;
    this.problems.push(`${setting.origin}: ${name} must be ${expected}, got ${JSON.stringify(setting.value.slice(0, 40))}`);
    return undefined;
  }
  flag(name: string): boolean | undefined {
    const value = this.text(name, /^[YN]$/, 'Y or N');
    return value === undefined ? undefined : value === 'Y';
  }
  number(name: string, min: number, max: number, integer: boolean): number | undefined {
    const value = this.text(name, integer ? /^\d{1,9}$/ : /^\d{1,6}(\.\d{1,6})?$/, integer ? 'a whole number' : 'a number');
    if (value === undefined) return undefined;
    const n = Number(value);
    if (n >= min && n <= max) return n;
    this.problems.push(`${this.settings.get(name)?.origin}: ${name} must be between ${min} and ${max}, got ${value}`);
    return undefined;
  }
  mustBe(name: string, allowed: string, why: string): void {
    const setting = this.settings.get(name);
    if (setting !== undefined && setting.value !== allowed) this.problems.push(`${setting.origin}: ${name}=${setting.value} is not supported: ${why}`);
  }
}

function sessionOf(settings: SessionSettings, fallback: EchoSessionSpec | undefined, where: string, problems: string[]): EchoSessionSpec | undefined {
  const c = new Checker(settings);
  for (const [name, setting] of settings) {
    if (!KNOWN.has(name) && !IGNORED.has(name)) c.problems.push(`${setting.origin}: unknown setting ${name} (supported: ${[...KNOWN].sort().join(', ')})`);
  }
  c.mustBe('ConnectionType', 'acceptor', 'this engine runs as the acceptor');
  c.mustBe('ResetOnLogout', 'N', 'sequence numbers reset at Logon only (ResetOnLogon)');
  c.mustBe('ResetOnDisconnect', 'N', 'sequence numbers reset at Logon only (ResetOnLogon)');
  const start = c.raw('StartTime')?.value;
  const end = c.raw('EndTime')?.value;
  if (start !== undefined && end !== undefined && start !== end) c.problems.push(`${c.raw('EndTime')?.origin}: StartTime ${start} and EndTime ${end} make a schedule; sessions here run all day (set them equal)`);
  const beginString = c.text('BeginString', new RegExp(`^(${BEGIN_STRINGS.join('|').replaceAll('.', '\\.')})$`), BEGIN_STRINGS.join(' or ')) as BeginString | undefined;
  const compId = /^[\x21-\x7e]{1,32}$/;
  const senderCompId = c.text('SenderCompID', compId, '1 to 32 printable characters');
  const targetCompId = c.text('TargetCompID', compId, '1 to 32 printable characters');
  const chunk = c.number('ResendRequestChunkSize', 0, 1_000_000, true);
  const resetOnLogon = c.flag('ResetOnLogon');
  const persistMessages = c.flag('PersistMessages');
  const checkLatency = c.flag('CheckLatency');
  const maxLatencySec = c.number('MaxLatency', 1, 86_400, true);
  const logonTimeoutSec = c.number('LogonTimeout', 1, 3_600, true);
  const logoutTimeoutSec = c.number('LogoutTimeout', 1, 3_600, true);
  const grace = c.number('TestRequestDelayMultiplier', 0, 10, false);
  problems.push(...c.problems);
  const resolvedBegin = beginString ?? fallback?.beginString;
  const sender = senderCompId ?? fallback?.senderCompId;
  const target = targetCompId ?? fallback?.targetCompId;
  if (resolvedBegin === undefined || sender === undefined || target === undefined) {
    const missing = [resolvedBegin === undefined ? 'BeginString' : '', sender === undefined ? 'SenderCompID' : '', target === undefined ? 'TargetCompID' : ''].filter(Boolean);
    problems.push(`${where}: the session needs ${missing.join(', ')}`);
    return undefined;
  }
  const spec: EchoSessionSpec = { ...fallback, beginString: resolvedBegin, senderCompId: sender, targetCompId: target };
  if (chunk !== undefined) spec.resendChunkSize = chunk;
  if (resetOnLogon !== undefined) spec.resetOnLogon = resetOnLogon;
  if (persistMessages !== undefined) spec.persistMessages = persistMessages;
  if (checkLatency === false) spec.sendingTimeToleranceMs = 0;
  else if (maxLatencySec !== undefined) spec.sendingTimeToleranceMs = maxLatencySec * 1000;
  if (logonTimeoutSec !== undefined) spec.logonTimeoutNs = logonTimeoutSec * NS_PER_S;
  if (logoutTimeoutSec !== undefined) spec.logoutTimeoutNs = logoutTimeoutSec * NS_PER_S;
  if (grace !== undefined) spec.testRequestGrace = grace;
  return spec;
}

/**
 * Resolves the sessions from a settings file's sessions (or none) and the flags' values (strings as a
 * settings file would hold them: flags are turned into `Name=Value` with the flag as origin).
 */
export function acceptorSettings(fileSessions: readonly SessionSettings[] | undefined, flags: Partial<Record<SettingFlag, string>>): AcceptorSettings {
  const problems: string[] = [];
  const flagSettings: SessionSettings = new Map();
  for (const [flag, value] of Object.entries(flags)) if (value !== undefined) flagSettings.set(SETTING_FLAGS[flag as SettingFlag], { value, origin: `--${flag}` });
  const bases: { settings: SessionSettings; fallback: EchoSessionSpec | undefined; where: string }[] =
    fileSessions === undefined
      ? acceptanceSessions(flags['begin-string'] !== undefined && BEGIN_STRINGS.includes(flags['begin-string'] as BeginString) ? [flags['begin-string'] as BeginString] : BEGIN_STRINGS).map((fallback) => ({ settings: new Map(), fallback, where: `the ${fallback.beginString} session` }))
      : fileSessions.map((settings, i) => ({ settings, fallback: undefined, where: `[SESSION] ${i + 1}` }));
  const sessions = bases.flatMap(({ settings, fallback, where }) => sessionOf(new Map([...settings, ...flagSettings]), fallback, where, problems) ?? []);
  const keys = sessions.map((s) => `${s.beginString}:${s.senderCompId}->${s.targetCompId}`);
  keys.forEach((key, i) => {
    if (keys.indexOf(key) !== i) problems.push(`session ${key} is defined twice`);
  });
  const first = fileSessions?.[0];
  const portCheck = first === undefined ? undefined : new Checker(first);
  const port = portCheck?.number('SocketAcceptPort', 0, 65_535, true);
  problems.push(...(portCheck?.problems ?? []));
  const host = first?.get('SocketAcceptAddress')?.value;
  const ignored = [...new Set((fileSessions ?? []).flatMap((s) => [...s.keys()].filter((name) => IGNORED.has(name))))];
  const unique = [...new Set(problems)];
  if (unique.length > 0) throw new UsageError(unique.join('\n'));
  const logonTimeoutNs = sessions[0]?.logonTimeoutNs;
  return { sessions, port, host, logonTimeoutMs: logonTimeoutNs === undefined ? undefined : logonTimeoutNs / 1e6, ignored };
}
