import { AppError } from '../../domain/errors.js';
import type { StateCategory } from '../../domain/workflow.js';
import { parseExportDate } from './dates.js';
import type { ImportSource, SourceItem, SourceMove } from './import-model.js';

/**
 * Reads a Trello board export ("Print and export → Export as JSON"). A board is one JSON object
 * of a few megabytes at most (Trello caps the actions it exports at 1,000), so it is parsed whole;
 * the upload limit bounds the memory. Older exports lack the top-level `labels`, a card's `labels`,
 * `dateClosed` and `dateCompleted`; each is read from what the file has.
 */

export interface TrelloOptions {
  /** archived cards (and the cards of archived lists): imported as done, or left out */
  archived: 'done' | 'skip';
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string value without NUL characters (PostgreSQL refuses them; an export has no meaningful one). */
const str = (v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : null);

/** The category a list's name suggests; the user can override it. */
export function guessCategory(name: string, index: number): StateCategory {
  const n = name.toLowerCase();
  if (/\b(done|complete[d]?|finished|shipped|released|closed|archive[d]?|erledigt|fertig|terminé|hecho)\b/.test(n)) return 'done';
  if (/\b(doing|in progress|progress|wip|working|review|testing|test|qa|blocked|in arbeit|en cours)\b/.test(n)) return 'in_progress';
  if (/\b(to ?do|next|ready|selected|sprint|this week|today|planned|up next)\b/.test(n)) return 'todo';
  return index === 0 ? 'backlog' : 'todo';
}

export function parseTrelloJson(text: string, opts: TrelloOptions): ImportSource {
  let board: unknown;
  try {
    board = JSON.parse(text);
  } catch (err) {
    throw new AppError('validation', `${jsonErrorPlace(text, err as Error)}: the file is not valid JSON (${(err as Error).message})`, {
      where: jsonErrorPlace(text, err as Error),
    });
  }
  if (!isObject(board) || !Array.isArray(board.cards) || !Array.isArray(board.lists))
    throw new AppError(
      'validation',
      `$: this is not a Trello board export: it has no "cards" and "lists" arrays (export the board with "Print and export → Export as JSON")`,
      { where: '$' },
    );

  const source: ImportSource = {
    format: 'trello',
    name: str(board.name),
    statuses: [],
    items: [],
    people: new Map(),
    warnings: [],
    statusesAreWorkflow: true,
  };
  const need = (v: unknown, path: string, what: string) => {
    const text = str(v);
    if (!text) throw new AppError('validation', `${path}: ${what} is missing`, { where: path });
    return text;
  };

  // Lists: open ones become states in board order; archived ones are skipped.
  const lists = (board.lists as unknown[]).map((l, i) => {
    const path = `$.lists[${i}]`;
    if (!isObject(l)) throw new AppError('validation', `${path}: a list must be an object`, { where: path });
    return {
      id: need(l.id, `${path}.id`, 'the list id'),
      name: need(l.name, `${path}.name`, 'the list name'),
      closed: !!l.closed,
      pos: Number(l.pos ?? i),
      path,
    };
  });
  const openLists = lists.filter((l) => !l.closed).sort((a, b) => a.pos - b.pos);
  const listById = new Map(lists.map((l) => [l.id, l]));
  openLists.forEach((l, i) => source.statuses.push({ name: l.name, category: guessCategory(l.name, i), where: l.path }));
  const listOrder = new Map(openLists.map((l, i) => [l.id, i]));
  if (opts.archived === 'done' && !source.statuses.some((s) => s.category === 'done'))
    source.statuses.push({ name: 'Done', category: 'done', where: '$.lists' });
  const doneStatus = () => [...source.statuses].reverse().find((s) => s.category === 'done')!.name;

  for (const m of Array.isArray(board.members) ? board.members : []) {
    if (isObject(m) && str(m.id))
      source.people.set(m.id as string, { name: str(m.fullName) ?? str(m.username) ?? (m.id as string), email: null });
  }
  const labelById = new Map<string, string>();
  for (const l of Array.isArray(board.labels) ? board.labels : [])
    if (isObject(l) && str(l.id)) labelById.set(l.id as string, str(l.name) || str(l.color) || 'label');

  // Actions: comments, creations and movements, per card.
  const comments = new Map<string, SourceItem['comments']>();
  const moves = new Map<string, { at: string; listId: string; fromId: string | null }[]>();
  const created = new Map<string, { at: string; listId: string | null }>();
  (Array.isArray(board.actions) ? board.actions : []).forEach((a: unknown, i: number) => {
    if (!isObject(a) || !isObject(a.data)) return;
    const path = `$.actions[${i}]`;
    const at = str(a.date) ? parseExportDate(a.date as string) : null;
    const card = isObject(a.data.card) ? str(a.data.card.id) : null;
    if (!at || !card) return;
    const creator = isObject(a.memberCreator) ? a.memberCreator : null;
    const authorId = str(a.idMemberCreator) ?? (creator ? str(creator.id) : null);
    if (authorId && creator && !source.people.has(authorId))
      source.people.set(authorId, { name: str(creator.fullName) ?? str(creator.username) ?? authorId, email: null });
    if (a.type === 'commentCard') {
      const body = str(a.data.text);
      if (body === null) source.warnings.push({ where: `${path}.data.text`, message: 'a comment without text; left out' });
      else push(comments, card, { author: authorId, body, at });
    } else if (a.type === 'createCard' || a.type === 'copyCard' || a.type === 'convertToCardFromCheckItem') {
      created.set(card, { at, listId: isObject(a.data.list) ? str(a.data.list.id) : null });
    } else if (a.type === 'updateCard' && isObject(a.data.listAfter) && str(a.data.listAfter.id)) {
      push(moves, card, {
        at,
        listId: a.data.listAfter.id as string,
        fromId: isObject(a.data.listBefore) ? str(a.data.listBefore.id) : null,
      });
    }
  });

  const criteria = new Map<string, SourceItem['criteria']>();
  (Array.isArray(board.checklists) ? board.checklists : []).forEach((c: unknown, i: number) => {
    if (!isObject(c)) return;
    const card = need(c.idCard, `$.checklists[${i}].idCard`, "the checklist's card");
    const items = (Array.isArray(c.checkItems) ? c.checkItems : [])
      .filter(isObject)
      .sort((a, b) => Number(a.pos ?? 0) - Number(b.pos ?? 0));
    for (const it of items) {
      const text = str(it.name)?.trim();
      if (text) push(criteria, card, { text: text.slice(0, 1000), accepted: it.state === 'complete' });
    }
  });

  (board.cards as unknown[]).forEach((c, i) => {
    const path = `$.cards[${i}]`;
    if (!isObject(c)) throw new AppError('validation', `${path}: a card must be an object`, { where: path });
    const id = need(c.id, `${path}.id`, 'the card id');
    const title = need(c.name, `${path}.name`, 'the card name');
    const listId = need(c.idList, `${path}.idList`, "the card's list");
    const list = listById.get(listId);
    if (!list)
      throw new AppError('validation', `${path}.idList: the list ${listId} is not in the board's lists`, { where: `${path}.idList` });
    const archived = !!c.closed || list.closed;
    if (archived && opts.archived === 'skip') return;
    const lastActivity = (str(c.dateLastActivity) && parseExportDate(c.dateLastActivity as string)) || null;
    // A Trello id starts with its creation time in seconds (a MongoDB ObjectId).
    const createdAt =
      created.get(id)?.at ?? (/^[0-9a-f]{24}$/.test(id) ? new Date(parseInt(id.slice(0, 8), 16) * 1000).toISOString() : lastActivity);
    const status = archived ? doneStatus() : list.name;
    const history: SourceMove[] = [];
    const first = created.get(id)?.listId;
    const firstList = first ? listById.get(first) : undefined;
    if (firstList && !firstList.closed && firstList.name !== status) history.push({ at: createdAt ?? '', status: firstList.name });
    for (const m of moves.get(id) ?? []) {
      const to = listById.get(m.listId);
      const from = m.fromId ? listById.get(m.fromId) : undefined;
      if (to && !to.closed) history.push({ at: m.at, status: to.name, ...(from && !from.closed ? { from: from.name } : {}) });
    }
    const closedAt = (str(c.dateClosed) && parseExportDate(c.dateClosed as string)) || lastActivity;
    if (archived) history.push({ at: closedAt ?? createdAt ?? '', status });
    const labels = Array.isArray(c.labels)
      ? c.labels.filter(isObject).map((l) => str(l.name) || str(l.color) || 'label')
      : (Array.isArray(c.idLabels) ? c.idLabels : []).map((l) => labelById.get(String(l))).filter((l): l is string => !!l);
    const due = str(c.due) ? parseExportDate(c.due as string) : null;
    if (str(c.due) && !due) source.warnings.push({ where: `${path}.due`, message: `"${c.due as string}" is not a date; left out` });
    const members = (Array.isArray(c.idMembers) ? c.idMembers : []).map(String);
    const idShort = Number(c.idShort);
    source.items.push({
      where: path,
      sourceKey: str(c.shortLink) ?? id,
      sourceId: id,
      number: Number.isInteger(idShort) && idShort > 0 ? idShort : null,
      type: 'story',
      title: title.slice(0, 500),
      description: str(c.desc) ?? '',
      status,
      rank: null,
      order: (archived ? openLists.length : (listOrder.get(listId) ?? 0)) * 1e9 + Number(c.pos ?? i),
      estimate: null,
      labels: [...new Set(labels.map((l) => l.trim()).filter(Boolean))],
      parentRef: null,
      sprint: null,
      assignee: members[0] ?? null,
      reporter: null,
      createdAt: createdAt ?? '',
      updatedAt: lastActivity,
      resolvedAt: archived ? closedAt : null,
      statusChangedAt: null,
      due,
      comments: (comments.get(id) ?? []).sort((a, b) => (a.at < b.at ? -1 : 1)),
      commentCount: comments.get(id)?.length ?? 0,
      criteria: criteria.get(id) ?? [],
      moves: history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
      notes:
        members.length > 1
          ? [
              `also on the card: ${members
                .slice(1)
                .map((m) => source.people.get(m)?.name ?? m)
                .join(', ')}`,
            ]
          : [],
    });
  });
  return source;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** "line 3, column 14" for a JSON syntax error: where Node says, else where a small scanner stops. */
function jsonErrorPlace(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  const pos = m ? Number(m[1]) : syntaxErrorOffset(text);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

/**
 * The offset of the first character that breaks JSON's grammar. Node's messages name a position
 * only for some errors ("Unexpected token '}', ..." has none), and a user needs the line.
 */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === 'number' ? at : text.length;
  }
}
