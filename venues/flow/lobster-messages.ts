/**
 * LOBSTER message files (lobsterdata.com), parsed into columns. One line per event, six fields:
 * time (seconds after midnight, decimal, up to nanoseconds), type (1 new limit order, 2 partial
 * cancel, 3 full delete, 4 execution of a visible order, 5 execution of a hidden order, 6 cross
 * trade, 7 trading halt), order id, size (shares), price (dollars x 10^4), direction (1 buy, -1 sell;
 * for an execution, the side of the resting order). For a halt (type 7) the price field carries the
 * status: -1 halted, 0 quoting, 1 resumed.
 *
 * Prices are converted to ticks with the instrument's tick size (in the same units of 10^-4 dollars,
 * e.g. 100 for one cent); a price off the tick grid is an error. A bad file is reported whole: every
 * error names the file, the line and the field (up to MAX_ERRORS of them), and nothing is returned.
 */
import { readFileSync } from 'node:fs';
import { invariant, type Ns } from '../../sim/index.ts';

export const LOBSTER_NEW = 1;
export const LOBSTER_PARTIAL_CANCEL = 2;
export const LOBSTER_DELETE = 3;
export const LOBSTER_EXECUTE_VISIBLE = 4;
export const LOBSTER_EXECUTE_HIDDEN = 5;
export const LOBSTER_CROSS = 6;
export const LOBSTER_HALT = 7;

export interface LobsterMessages {
  fileName: string;
  count: number;
  /** Nanoseconds after midnight, exact (parsed from the decimal text, not through a float). */
  timeNs: Float64Array;
  eventType: Uint8Array;
  orderId: Float64Array;
  sizeShares: Float64Array;
  /** Ticks; for a halt, the raw status (-1, 0, 1). */
  priceTicks: Float64Array;
  /** 1 buy, -1 sell. */
  direction: Int8Array;
}

export interface LobsterParseError {
  file: string;
  /** 1-based line number. */
  line: number;
  field: 'line' | 'time' | 'type' | 'order id' | 'size' | 'price' | 'direction';
  message: string;
}

export type LobsterParseResult = { ok: true; messages: LobsterMessages } | { ok: false; errors: LobsterParseError[] };

export const MAX_ERRORS = 100;

/** `file:line: field: message`, the form the CLI prints. */
export const formatLobsterError = (e: LobsterParseError): string => `${e.file}:${e.line}: ${e.field}: ${e.message}`;

const TIME = /^(\d+)(?:\.(\d{1,9}))?$/;
const NATURAL = /^\d+$/;
const INTEGER = /^-?\d+$/;

/** `tickSizePrice4`: the tick in the file's price units (dollars x 10^4). */
export function parseLobsterMessages(text: string, fileName: string, tickSizePrice4: number): LobsterParseResult {
  invariant(Number.isSafeInteger(tickSizePrice4) && tickSizePrice4 > 0, () => `tick size must be a positive integer, got ${tickSizePrice4}`);
  const lines = text.split('\n');
  const n = lines.length;
  const messages: LobsterMessages = {
    fileName,
    count: 0,
    timeNs: new Float64Array(n),
    eventType: new Uint8Array(n),
    orderId: new Float64Array(n),
    sizeShares: new Float64Array(n),
    priceTicks: new Float64Array(n),
    direction: new Int8Array(n),
  };
  const errors: LobsterParseError[] = [];
  let previousNs = 0;
  for (let index = 0; index < n && errors.length < MAX_ERRORS; index++) {
    const line = lines[index].trim();
    if (line === '') continue;
    const fail = (field: LobsterParseError['field'], message: string) => errors.push({ file: fileName, line: index + 1, field, message });
    const fields = line.split(',');
    if (fields.length !== 6) {
      fail('line', `expected 6 comma-separated fields (time, type, order id, size, price, direction), got ${fields.length}`);
      continue;
    }
    const [timeText, typeText, idText, sizeText, priceText, directionText] = fields.map((f) => f.trim());
    const errorsBefore = errors.length;
    const timeNs = parseTimeNs(timeText);
    if (timeNs === undefined) fail('time', `expected seconds after midnight such as 34200.0042, got ${JSON.stringify(timeText)}`);
    else if (timeNs < previousNs) fail('time', `goes back in time (${timeText} s after an earlier line's later time)`);
    const type = /^[1-7]$/.test(typeText) ? Number(typeText) : 0;
    if (type === 0) fail('type', `expected an event type 1-7, got ${JSON.stringify(typeText)}`);
    if (!NATURAL.test(idText)) fail('order id', `expected a non-negative integer, got ${JSON.stringify(idText)}`);
    const size = NATURAL.test(sizeText) ? Number(sizeText) : -1;
    if (size < 0 || (type !== LOBSTER_HALT && size === 0)) fail('size', `expected a positive integer number of shares, got ${JSON.stringify(sizeText)}`);
    const price = INTEGER.test(priceText) ? Number(priceText) : Number.NaN;
    let priceTicks = Number.NaN;
    if (type === LOBSTER_HALT) {
      if (price === -1 || price === 0 || price === 1) priceTicks = price;
      else fail('price', `a halt message carries -1 (halted), 0 (quoting) or 1 (resumed), got ${JSON.stringify(priceText)}`);
    } else if (!(price > 0)) fail('price', `expected a positive integer (dollars x 10^4), got ${JSON.stringify(priceText)}`);
    else if (price % tickSizePrice4 !== 0) fail('price', `${price} is not a multiple of the tick size ${tickSizePrice4}`);
    else priceTicks = price / tickSizePrice4;
    if (directionText !== '1' && directionText !== '-1') fail('direction', `expected 1 (buy) or -1 (sell), got ${JSON.stringify(directionText)}`);
    if (errors.length > errorsBefore) continue;
    const i = messages.count++;
    messages.timeNs[i] = timeNs as Ns;
    messages.eventType[i] = type;
    messages.orderId[i] = Number(idText);
    messages.sizeShares[i] = size;
    messages.priceTicks[i] = priceTicks;
    messages.direction[i] = Number(directionText);
    previousNs = timeNs as Ns;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, messages };
}

/** Reads and parses a message file; an unreadable file is one error on line 0. */
export function loadLobsterMessageFile(path: string, tickSizePrice4: number): LobsterParseResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [{ file: path, line: 0, field: 'line', message: `cannot read the file: ${(error as Error).message}` }] };
  }
  return parseLobsterMessages(text, path, tickSizePrice4);
}

/** Exact nanoseconds from `seconds[.fraction]`, or undefined if malformed or beyond the clock's range. */
function parseTimeNs(text: string): Ns | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  const ns = Number(match[1]) * 1e9 + Number((match[2] ?? '').padEnd(9, '0'));
  return Number.isSafeInteger(ns) ? ns : undefined;
}
