/**
 * ISO text of UTC instants for the generators, which format millions of them: the date part
 * is memoised per day, so most calls build no Date.
 */
const DAY_MS = 86_400_000;
const dates = new Map<number, string>();

/** The ISO date (YYYY-MM-DD) of an instant given in milliseconds since 1970. */
export function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = dates.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dates.set(day, text);
  }
  return text;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The timestamp (YYYY-MM-DD HH:MM:SS, milliseconds dropped) of an instant given in milliseconds since 1970. */
export function isoTimestamp(ms: number): string {
  const seconds = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
  return `${isoDate(ms)} ${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:${twoDigits(seconds % 60)}`;
}
