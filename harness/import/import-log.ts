/**
 * One QuickFIX messages log (and its event log) to the scenario that reproduces its incident: the pipeline
 * `execdrill import` runs, and a drill's incident views (harness/drill/incident-views.ts) with it. A log
 * that cannot be read or parsed is a UsageError naming the file (and line); a scenario that the inference
 * cannot make valid, too.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { UsageError } from '../errors.ts';
import { readInputFile } from '../io/input-file.ts';
import { formatIssue, parseScenario, type Scenario } from '../scenario/index.ts';
import { inferScenario } from './infer-scenario.ts';
import { logKpis, type LogKpis } from './log-kpis.ts';
import { parseEventLog, parseMessagesLog } from './quickfix-log.ts';
import { ourCompId, sessionHistory, type SessionHistory } from './session-history.ts';

const MAX_LOG_BYTES = 256 << 20;

export interface ImportedLog {
  eventsFile: string | undefined;
  history: SessionHistory;
  kpis: LogKpis;
  /** The scenario as the inference wrote it (plain), as the YAML `import --out` writes, and as it loads. */
  plain: Record<string, unknown>;
  yaml: string;
  scenario: Scenario;
}

/** QuickFIX names the event log as the messages log, with `event` for `messages`. */
function eventLogBeside(messages: string): string | undefined {
  const candidate = messages.replace(/\.messages\.(current\.)?log$/, '.event.$1log');
  return candidate !== messages && existsSync(candidate) ? candidate : undefined;
}

export function importLog(messagesFile: string, options: { events?: string; senderCompId?: string; name?: string; scenarioFile?: string } = {}): ImportedLog {
  const messages = parseMessagesLog(messagesFile, readInputFile(messagesFile, { what: 'QuickFIX messages log', maxBytes: MAX_LOG_BYTES, encoding: 'latin1' }));
  const eventsFile = options.events ?? eventLogBeside(messagesFile);
  const events = eventsFile === undefined ? [] : parseEventLog(eventsFile, readInputFile(eventsFile, { what: 'QuickFIX event log', maxBytes: MAX_LOG_BYTES, encoding: 'latin1' }));
  const us = ourCompId(messages, messagesFile, options.senderCompId);
  const history = sessionHistory(messages, events, us);
  const kpis = logKpis(history);
  const name = options.name ?? `imported-${basename(messagesFile).toLowerCase().replace(/\.messages.*$/, '').replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '')}`;
  const plain = inferScenario(history, kpis, { messagesFile, eventsFile, name });
  const yaml = `# Imported by execdrill import from ${messagesFile}${eventsFile ? ` and ${eventsFile}` : ''}: read the assumptions.\n${stringify(plain, { lineWidth: 0 })}`;
  const checked = parseScenario(yaml, options.scenarioFile ?? 'the imported scenario');
  if (!checked.ok) throw new UsageError(`cannot make a valid scenario from ${messagesFile} (--name?):\n${checked.issues.map(formatIssue).join('\n')}`);
  return { eventsFile, history, kpis, plain, yaml, scenario: checked.scenario };
}
