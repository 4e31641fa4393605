/**
 * The command-line options `fix-acceptor` and `fix-acceptance` share: the session settings by their QuickFIX
 * names (`--sender-comp-id` is SenderCompID, values as QuickFIX writes them: `Y`/`N`, seconds), a QuickFIX
 * settings file (`--config`), and the acceptor's bounds. Resolved to the sessions and limits to start with.
 */
import type { Argv } from 'yargs';
import type { EchoSessionSpec } from '../../venues/fix/acceptance/index.ts';
import { DEFAULT_ACCEPTOR_LIMITS, type AcceptorLimits } from '../../venues/fix/tcp/index.ts';
import { UsageError } from '../errors.ts';
import { readInputFile } from '../io/input-file.ts';
import { acceptorSettings, SETTING_FLAGS, type AcceptorSettings, type SettingFlag } from './acceptor-settings.ts';
import { parseQuickfixSettings } from './quickfix-settings.ts';

export interface SessionOptionArgs {
  config?: string;
  'max-connections'?: number;
  'max-message-bytes'?: number;
  [flag: string]: unknown;
}

const DESCRIBE: Record<SettingFlag, string> = {
  'begin-string': 'BeginString: host only this version (FIX.4.2 or FIX.4.4)',
  'sender-comp-id': 'SenderCompID of the hosted sessions (default ISLD)',
  'target-comp-id': 'TargetCompID of the hosted sessions (default TW42 / TW44)',
  'resend-request-chunk-size': 'ResendRequestChunkSize: most messages per ResendRequest (0: all)',
  'reset-on-logon': 'ResetOnLogon: Y or N (default Y)',
  'persist-messages': 'PersistMessages: Y or N (N answers every resend by GapFill)',
  'check-latency': 'CheckLatency: Y or N (check SendingTime against MaxLatency)',
  'max-latency': 'MaxLatency: seconds of SendingTime tolerance (default 120)',
  'logon-timeout': 'LogonTimeout: seconds a connection may stay without a Logon (default 10)',
  'logout-timeout': 'LogoutTimeout: seconds to wait for a Logout confirmation (default 10)',
  'test-request-delay-multiplier': 'TestRequestDelayMultiplier: extra silence, as a fraction of HeartBtInt, before a TestRequest',
};

export function withSessionOptions<T>(y: Argv<T>): Argv<T & SessionOptionArgs> {
  let out = y.option('config', { type: 'string', describe: 'a QuickFIX settings file ([DEFAULT] and [SESSION] sections); flags override it' });
  for (const flag of Object.keys(SETTING_FLAGS) as SettingFlag[]) out = out.option(flag, { type: 'string', describe: DESCRIBE[flag] });
  return out
    .option('max-connections', { type: 'number', describe: `most connections open at once (default ${DEFAULT_ACCEPTOR_LIMITS.maxConnections})` })
    .option('max-message-bytes', { type: 'number', describe: `largest frame accepted, bytes (default ${DEFAULT_ACCEPTOR_LIMITS.maxMessageBytes})` }) as unknown as Argv<T & SessionOptionArgs>;
}

/** Settings files larger than this are refused (a real one is a few kilobytes). */
const MAX_SETTINGS_BYTES = 1 << 20;

function boundedInt(args: SessionOptionArgs, name: 'max-connections' | 'max-message-bytes', min: number, max: number): number | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be a whole number between ${min} and ${max}, got ${String(value)}`);
  return value;
}

export function resolveSessionOptions(args: SessionOptionArgs): { settings: AcceptorSettings; limits: Partial<AcceptorLimits> } {
  for (const key of ['config', ...Object.keys(SETTING_FLAGS)]) {
    if (Array.isArray(args[key])) throw new UsageError(`--${key} was given more than once`);
  }
  const file = args.config === undefined ? undefined : parseQuickfixSettings(args.config, readInputFile(args.config, { what: 'settings file', maxBytes: MAX_SETTINGS_BYTES }));
  const flags: Partial<Record<SettingFlag, string>> = {};
  for (const flag of Object.keys(SETTING_FLAGS) as SettingFlag[]) if (typeof args[flag] === 'string') flags[flag] = args[flag];
  const settings = acceptorSettings(file?.sessions, flags);
  const limits: Partial<AcceptorLimits> = {};
  const maxConnections = boundedInt(args, 'max-connections', 1, 10_000);
  const maxMessageBytes = boundedInt(args, 'max-message-bytes', 256, 16 << 20);
  if (maxConnections !== undefined) limits.maxConnections = maxConnections;
  if (maxMessageBytes !== undefined) limits.maxMessageBytes = maxMessageBytes;
  if (settings.logonTimeoutMs !== undefined) limits.logonTimeoutMs = settings.logonTimeoutMs;
  return { settings, limits };
}

export function describeSession(s: EchoSessionSpec): string {
  const extras = [s.resendChunkSize ? `ResendRequestChunkSize=${s.resendChunkSize}` : '', s.persistMessages === false ? 'PersistMessages=N' : '', s.resetOnLogon === false ? 'ResetOnLogon=N' : ''].filter(Boolean);
  return `${s.beginString} ${s.senderCompId}->${s.targetCompId}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

export function checkPort(port: unknown, flag = '--port'): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`${flag} must be an integer in 0..65535, got ${String(port)}`);
  return port;
}
