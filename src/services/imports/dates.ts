/**
 * Dates as Jira and Trello exports write them. Jira writes the exporting user's format and
 * language without a zone (`24/Nov/25 3:12 PM`, `2025-11-24 15:12`, `24.11.2025 15:12`,
 * `24/nov./25 15:12`); these are read as UTC. Trello writes ISO 8601.
 */

const MONTHS: Record<string, number> = {};
const names: string[][] = [
  // English, German, French, Spanish, Portuguese, Italian, Dutch: the abbreviations Jira writes
  ['jan', 'january', 'januar', 'janv', 'janvier', 'ene', 'enero', 'janeiro', 'gen', 'gennaio', 'januari', 'jän'],
  ['feb', 'february', 'februar', 'févr', 'fevr', 'février', 'febrero', 'fev', 'fevereiro', 'febbraio', 'februari'],
  ['mar', 'march', 'mär', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'mrt', 'maart'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maio', 'mag', 'maggio', 'mei'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'junho', 'giu', 'giugno'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'julho', 'lug', 'luglio'],
  ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'augustus'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'setembro', 'settembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'out', 'outubro', 'ott', 'ottobre'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'dezembro', 'dicembre'],
];
names.forEach((list, month) => list.forEach((n) => (MONTHS[n] = month)));

function build(year: number, month: number, day: number, hour: number, minute: number, second: number): string | null {
  if (year < 100) year += year < 70 ? 2000 : 1900;
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  const d = new Date(ms);
  if (d.getUTCDate() !== day) return null;
  return d.toISOString();
}

/** `3:12 PM`, `15:12`, `15:12:05`, `3:12 p. m.`; null when absent. */
function time(text: string | undefined): [number, number, number] | null {
  if (!text || !text.trim()) return [0, 0, 0];
  const m = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const ampm = m[4]?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
  }
  return [hour, Number(m[2]), Number(m[3] ?? 0)];
}

/** A date as an export writes it, as an ISO timestamp (UTC); null when it cannot be read. */
export function parseExportDate(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  // ISO 8601, with or without a zone (Jira writes +0200 without a colon)
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (iso) {
    const base = build(+iso[1]!, +iso[2]! - 1, +iso[3]!, +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0));
    if (!base || !iso[7] || iso[7].toUpperCase() === 'Z') return base;
    const zone = iso[7].replace(':', '');
    const offset = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
    return new Date(Date.parse(base) - offset * 60_000).toISOString();
  }
  // 24/Nov/25 3:12 PM, 24-nov.-2025 15:12, 24 Nov 2025 15:12
  const named = /^(\d{1,2})[/\-. ]\s*([^\d\s/.-]+)\.?[/\-. ]\s*(\d{2,4})(?:[,\s]+(.*))?$/u.exec(text);
  if (named) {
    const month = MONTHS[named[2]!.toLowerCase().replace(/\.$/, '')];
    const t = time(named[4]);
    if (month === undefined || !t) return null;
    return build(+named[3]!, month, +named[1]!, ...t);
  }
  // 24.11.2025 15:12 (day first), 24/11/2025 3:12 PM, 11/24/2025 (month first when the day says so)
  const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})(?:[,\s]+(.*))?$/.exec(text);
  if (numeric) {
    const t = time(numeric[5]);
    if (!t) return null;
    let day = +numeric[1]!;
    let month = +numeric[3]!;
    if (numeric[2] === '/' && month > 12 && day <= 12) [day, month] = [month, day];
    return build(+numeric[4]!, month - 1, day, ...t);
  }
  return null;
}
