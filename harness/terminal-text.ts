/**
 * Text from files, records and policies on its way to a terminal: a control character in a message (a
 * policy that throws "\x1b]0;pwned\x07", a key written with an escape sequence) could retitle the
 * window, hide lines or worse. Every such character but newline and tab is shown as an escape
 * (`\x1b`, `\u009b`) instead.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A value with every string in it printable: the data of a block that is formatted (and coloured) after. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, printableDeep(field)])) as T;
  return value;
}
