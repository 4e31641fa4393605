/**
 * Reads a QuickFIX settings file (the `.cfg` QuickFIX C++ and QuickFIX/J share): `[DEFAULT]` and `[SESSION]`
 * sections of `Name=Value` lines, `#` comments, blank lines. Each session is its `[SESSION]` values over the
 * `[DEFAULT]` ones, every value remembering the line it came from so an error can name it. Problems come
 * back all at once, as `file:line: what is wrong`.
 * Left out: `[ACCEPTOR]`-style sections some forks add, and variable substitution.
 */
import { UsageError } from '../errors.ts';

export interface SettingValue {
  value: string;
  /** Where it came from: `file:line`, or the command-line flag. */
  origin: string;
}

export type SessionSettings = Map<string, SettingValue>;

export interface QuickfixSettings {
  defaults: SessionSettings;
  sessions: SessionSettings[];
}

const LINE = /^([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*)$/;

export function parseQuickfixSettings(file: string, text: string): QuickfixSettings {
  const problems: string[] = [];
  const defaults: SessionSettings = new Map();
  const sessions: SessionSettings[] = [];
  let current: SessionSettings | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const where = `${file}:${index + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = /^\[(.*)\]$/.exec(line);
    if (section !== null) {
      const name = section[1].trim().toUpperCase();
      if (name === 'DEFAULT') current = defaults;
      else if (name === 'SESSION') sessions.push((current = new Map()));
      else problems.push(`${where}: unknown section [${section[1]}] (expected [DEFAULT] or [SESSION])`);
      return;
    }
    const match = LINE.exec(line);
    if (match === null) {
      problems.push(`${where}: expected Name=Value, got ${JSON.stringify(line.slice(0, 80))}`);
      return;
    }
    if (current === undefined) {
      problems.push(`${where}: ${match[1]} is outside any section (start with [DEFAULT] or [SESSION])`);
      return;
    }
    if (current.has(match[1])) problems.push(`${where}: ${match[1]} is set twice in this section (first at ${current.get(match[1])?.origin})`);
    current.set(match[1], { value: match[2].trim(), origin: where });
  });
  if (problems.length === 0 && sessions.length === 0) problems.push(`${file}: no [SESSION] section`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { defaults, sessions: sessions.map((session) => new Map([...defaults, ...session])) };
}
