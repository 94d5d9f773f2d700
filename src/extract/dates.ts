/** Publication dates found in pages, normalised to ISO 8601 where that can be done without guessing. */

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string[]][] = [
  [1, ['january', 'jan', 'janvier', 'janv', 'januar', 'enero', 'gennaio']],
  [2, ['february', 'feb', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'februar', 'febrero', 'febbraio']],
  [3, ['march', 'mar', 'mars', 'märz', 'marzo']],
  [4, ['april', 'apr', 'avril', 'avr', 'abril', 'aprile']],
  [5, ['may', 'mai', 'mayo', 'maggio']],
  [6, ['june', 'jun', 'juin', 'juni', 'junio', 'giugno']],
  [7, ['july', 'jul', 'juillet', 'juil', 'juli', 'julio', 'luglio']],
  [8, ['august', 'aug', 'août', 'aout', 'agosto']],
  [9, ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre']],
  [10, ['october', 'oct', 'octobre', 'oktober', 'octubre', 'ottobre']],
  [11, ['november', 'nov', 'novembre', 'noviembre']],
  [12, ['december', 'dec', 'décembre', 'decembre', 'déc', 'dezember', 'diciembre', 'dicembre']],
];
for (const [n, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = n;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
const NUMERIC = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\b/;
const DAY_MONTH_YEAR = /(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+([\p{L}]+)\.?,?\s+(\d{4})/u;
const MONTH_DAY_YEAR = /([\p{L}]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/u;

/** ISO 8601 form of a date string, or the trimmed string when it cannot be read unambiguously. */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  let m = ISO.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validYmd(y, mo, d)) return null;
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    if (m[4] === undefined) return date;
    let tz = m[7] ?? '';
    if (/^[+-]\d{4}$/.test(tz)) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
    else if (/^[+-]\d{2}$/.test(tz)) tz = `${tz}:00`;
    return `${date}T${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}${tz.toUpperCase()}`;
  }
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 13 ? Number(s) : Number(s) * 1000;
    const d = new Date(ms);
    if (d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2100) return d.toISOString().replace('.000Z', 'Z');
    return null;
  }
  m = NUMERIC.exec(s);
  if (m) {
    const a = Number(m[1]), b = Number(m[2]), c = Number(m[3]);
    if (m[1].length === 4 && validYmd(a, b, c)) return `${a}-${pad(b)}-${pad(c)}`;
    if (m[3].length === 4) {
      // DD/MM/YYYY unless the first number cannot be a day-of-month reading... ambiguous cases are left as found.
      if (a > 12 && validYmd(c, b, a)) return `${c}-${pad(b)}-${pad(a)}`;
      if (b > 12 && validYmd(c, a, b)) return `${c}-${pad(a)}-${pad(b)}`;
      if (a === b && validYmd(c, a, b)) return `${c}-${pad(a)}-${pad(b)}`;
      return s;
    }
  }
  const lower = s.toLowerCase();
  m = DAY_MONTH_YEAR.exec(lower);
  if (m && MONTHS[m[2]] && validYmd(Number(m[3]), MONTHS[m[2]], Number(m[1]))) {
    return `${m[3]}-${pad(MONTHS[m[2]])}-${pad(Number(m[1]))}`;
  }
  m = MONTH_DAY_YEAR.exec(lower);
  if (m && MONTHS[m[1]] && validYmd(Number(m[3]), MONTHS[m[1]], Number(m[2]))) {
    return `${m[3]}-${pad(MONTHS[m[1]])}-${pad(Number(m[2]))}`;
  }
  return s.length <= 40 ? s : null;
}
