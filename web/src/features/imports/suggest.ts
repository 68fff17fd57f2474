import type { ImportFormat } from '../../api/imports';

/** Suggests a product key from a name: "Tekken Notes" → "TN", "Payments" → "PAY". */
export function suggestKey(name: string): string {
  const words = name
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const key = (words.length > 1 ? words.map((w) => w[0]).join('') : (words[0] ?? '').slice(0, 3)).slice(0, 10);
  return /^[A-Z][A-Z0-9]{1,9}$/.test(key) ? key : '';
}

/** The first `n` records of a CSV text (quotes and doubled quotes understood). */
export function firstRecords(text: string, n: number): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < n; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  return records;
}

/**
 * A key and name for the new product, read from the start of the file: a Jira export's project key
 * and name, a Trello board's name, an Ordo export's product. Null when the file does not say.
 */
export async function suggestFromFile(file: File, format: ImportFormat): Promise<{ key: string; name: string } | null> {
  if (format === 'trello' || format === 'ordo') {
    if (file.size > 20 * 1024 * 1024) return null;
    try {
      const json = JSON.parse(await file.text()) as { name?: unknown; product?: { key?: unknown; name?: unknown } };
      // An Ordo export keeps its product's key and name; a Trello board has a name.
      const name = format === 'ordo' ? json.product?.name : json.name;
      const key = format === 'ordo' && typeof json.product?.key === 'string' ? json.product.key : null;
      return typeof name === 'string' ? { key: key ?? suggestKey(name), name } : null;
    } catch {
      return null;
    }
  }
  const [header, row] = firstRecords((await file.slice(0, 256 * 1024).text()).replace(/^\uFEFF/, ''), 2);
  if (!header || !row) return null;
  const cell = (name: string) => row[header.findIndex((h) => h.trim().toLowerCase() === name)]?.trim() ?? '';
  const key = cell('project key').toUpperCase();
  const name = cell('project name');
  return { key: /^[A-Z][A-Z0-9]{1,9}$/.test(key) ? key : suggestKey(name), name };
}
