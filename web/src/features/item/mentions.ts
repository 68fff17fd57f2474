/** A person who can be mentioned: a member of the product. */
export interface Mentionable {
  id: number;
  name: string;
}

/** The "@na" being typed just before the caret, if any: its start and the letters so far. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[\s([{])@([\p{L}][\p{L}\p{N}'’.-]*(?: [\p{L}][\p{L}\p{N}'’.-]*)?)?$/u.exec(before);
  if (!m) return null;
  return { start: before.length - (m[2]?.length ?? 0) - 1, query: m[2] ?? '' };
}

/** Members whose name (or any word of it) starts with the query, best first, at most `limit`. */
export function matchMembers(members: Mentionable[], query: string, limit = 6): Mentionable[] {
  const q = query.trim().toLowerCase();
  const scored = members
    .map((m) => {
      const name = m.name.toLowerCase();
      const score = !q ? 1 : name.startsWith(q) ? 3 : name.split(/\s+/).some((w) => w.startsWith(q)) ? 2 : 0;
      return { m, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.m.name.localeCompare(b.m.name));
  return scored.slice(0, limit).map((x) => x.m);
}

/** The text with the mention being typed replaced by the member's full name and a space. */
export function insertMention(text: string, at: { start: number; query: string }, member: Mentionable): { text: string; caret: number } {
  const end = at.start + 1 + at.query.length;
  const inserted = `@${member.name} `;
  return { text: text.slice(0, at.start) + inserted + text.slice(end).replace(/^ /, ''), caret: at.start + inserted.length };
}
