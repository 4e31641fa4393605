/**
 * The acceptance suite's comparator (QuickFIX test/Comparator.rb): expected and received are split on SOH;
 * they must have the same number of fields and the same tag at each position; values must be equal, except
 * for the tags listed in fields.fmt, whose received value must match that regex (unanchored).
 */
export type FieldPatterns = ReadonlyMap<string, RegExp>;

/**
 * The patterns the scripts need when no fields.fmt is given: CheckSum as three digits, and the timestamp
 * fields (OrigTime 42, SendingTime 52, TransactTime 60, OrigSendingTime 122) as UTCTimestamps, SendingTime
 * with or without milliseconds.
 */
export const DEFAULT_FIELD_PATTERNS: FieldPatterns = new Map([
  ['10', /\d{3}/],
  ['42', /\d{8}-\d{2}:\d{2}:\d{2}/],
  ['52', /\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{3})?/],
  ['60', /\d{8}-\d{2}:\d{2}:\d{2}/],
  ['122', /\d{8}-\d{2}:\d{2}:\d{2}/],
]);

/** fields.fmt: one `tag=regex` a line. */
export function parseFieldPatterns(source: string): FieldPatterns {
  const patterns = new Map<string, RegExp>();
  for (const line of source.split('\n')) {
    if (line.trim() === '') continue;
    const [tag, regex] = line.split('=');
    patterns.set(String(Number(tag)), new RegExp(regex));
  }
  return patterns;
}

/** Undefined when they match, else the reason, worded as Comparator.rb words it. */
export function compareMessages(expected: string, received: string, patterns: FieldPatterns): string | undefined {
  const left = splitFields(expected);
  const right = splitFields(received);
  if (left.length !== right.length) return 'Number of fields do no match';
  for (let i = 0; i < left.length; i++) {
    const [leftTag, leftValue] = left[i].split('=');
    const [rightTag, rightValue] = right[i].split('=');
    if (leftTag !== rightTag) return `Expected field (${leftTag}) but found field (${rightTag})`;
    const pattern = patterns.get(String(Number(leftTag)));
    if (pattern === undefined) {
      if (leftValue !== rightValue) return `Value in field (${leftTag}) should be (${leftValue}) but was (${rightValue})`;
    } else if (rightValue === undefined || !pattern.test(rightValue)) {
      return `Field (${leftTag}) does not match pattern`;
    }
  }
  return undefined;
}

/** Ruby's String#split drops trailing empty fields. */
function splitFields(text: string): string[] {
  const fields = text.split('\x01');
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  return fields;
}
