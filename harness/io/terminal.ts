/**
 * What a terminal gets that a pipe or a CI log does not: colour and redrawn progress bars. Both need a TTY
 * and no `CI` variable (every CI system sets it); colour also stays off under NO_COLOR (no-color.org: any
 * non-empty value), so that text copied or logged never carries escape codes.
 */
export function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

export function colourEnabled(stream: { isTTY?: boolean }): boolean {
  const noColor = process.env.NO_COLOR;
  return stream.isTTY === true && !isCi() && (noColor === undefined || noColor === '');
}

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, magenta: 35 } as const;
export type Style = keyof typeof CODES;

/** Paints text in styles when `enabled`; otherwise returns it untouched. */
export type Painter = (text: string, ...styles: Style[]) => string;

export function painter(enabled: boolean): Painter {
  return (text, ...styles) => (enabled && styles.length > 0 ? `\x1b[${styles.map((style) => CODES[style]).join(';')}m${text}\x1b[0m` : text);
}
