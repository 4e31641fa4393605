/** Scenarios written inline in a test: parsed as if read from `file`, so issues name it. */
import { formatIssue, parseScenario, type Scenario } from '../../../harness/scenario/index.ts';

/** The scenario `text` describes; throws with its issues when it is not one. */
export function scenarioOf(text: string, file: string): Scenario {
  const loaded = parseScenario(text, file);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.scenario;
}

/** The issues of `text` as a user reads them (`file:line:col: field: message`); none for a valid scenario. */
export function issuesOf(text: string, file: string): string[] {
  const loaded = parseScenario(text, file);
  return loaded.ok ? [] : loaded.issues.map(formatIssue);
}
