/**
 * FIX value formats: UTCTimestamp to and from UTC milliseconds, and the syntax checks the decoder applies
 * per data type (int, float, Boolean, char, UTCTimestamp). Dates are converted with civil-calendar
 * arithmetic (days from 1970-01-01), not `Date`, so the codec reads no clock and allocates nothing.
 * Leap seconds (:60) are accepted on input and folded into the next minute, as most engines do.
 */
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function pad(value: number, width: number): string {
  return value.toString().padStart(width, '0');
}

/** `YYYYMMDD-HH:MM:SS.sss` for a UTC instant in ms since the epoch (the form SendingTime is written in). */
export function formatUtcTimestampMs(utcMs: number): string {
  const days = Math.floor(utcMs / MS_PER_DAY);
  let msOfDay = utcMs - days * MS_PER_DAY;
  // civil_from_days
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(msOfDay / 3_600_000);
  msOfDay -= hours * 3_600_000;
  const minutes = Math.floor(msOfDay / 60_000);
  msOfDay -= minutes * 60_000;
  const seconds = Math.floor(msOfDay / 1000);
  const millis = msOfDay - seconds * 1000;
  return `${pad(year, 4)}${pad(month, 2)}${pad(day, 2)}-${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}

const TIMESTAMP_PATTERN = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** UTC ms since the epoch of a FIX UTCTimestamp, or undefined if the text is not one (digits beyond ms are dropped). */
export function parseUtcTimestampMs(text: string): number | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  const seconds = Number(match[6]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0').slice(0, 3));
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

const INT_PATTERN = /^-?\d+$/;
const FLOAT_PATTERN = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function isIntText(text: string): boolean {
  return INT_PATTERN.test(text) && text.length <= 16;
}

export function isFloatText(text: string): boolean {
  return FLOAT_PATTERN.test(text) && text.length <= 32;
}

/** A FIX float written in its shortest round-trip form, never in exponent notation. */
export function formatFloat(value: number): string {
  const text = value.toString();
  if (!text.includes('e')) return text;
  return value.toFixed(12).replace(/\.?0+$/, '');
}
