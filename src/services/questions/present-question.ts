import type { Conn } from '../../db/schema.js';
import type { TDecision, TItemRef, TQuestion } from '../../contract/questions.js';
import type { StateCategory } from '../../domain/workflow.js';

/** Questions with what they show: the product's key, the item, the asker, the addressee and who answered. */
export function questionQuery(db: Conn) {
  return db
    .selectFrom('questions as q')
    .innerJoin('products as p', 'p.id', 'q.product_id')
    .innerJoin('users as asker', 'asker.id', 'q.asker_id')
    .leftJoin('users as addressee', 'addressee.id', 'q.addressee_id')
    .leftJoin('users as answerer', 'answerer.id', 'q.answered_by')
    .leftJoin('items as i', 'i.id', 'q.item_id')
    .leftJoin('workflow_states as s', 's.id', 'i.state_id')
    .select([
      'q.id',
      'q.product_id',
      'q.item_id',
      'q.asker_id',
      'q.addressee_id',
      'q.body',
      'q.state',
      'q.created_at',
      'q.answer',
      'q.answered_by',
      'q.answered_at',
      'q.decision_id',
      'p.key as product_key',
      'asker.name as asker_name',
      'addressee.name as addressee_name',
      'answerer.name as answerer_name',
      'i.key as item_key',
      'i.title as item_title',
      's.category as item_category',
    ]);
}

export type QuestionRow = Awaited<ReturnType<ReturnType<typeof questionQuery>['execute']>>[number];

export function presentQuestion(r: QuestionRow): TQuestion {
  return {
    id: r.id,
    productKey: r.product_key,
    item: r.item_key
      ? { key: r.item_key, title: r.item_title ?? '', stateCategory: (r.item_category ?? 'backlog') as StateCategory }
      : null,
    asker: { id: r.asker_id, name: r.asker_name },
    addressee: r.addressee_id != null ? { id: r.addressee_id, name: r.addressee_name ?? '' } : null,
    body: r.body,
    state: r.state as TQuestion['state'],
    createdAt: r.created_at,
    answer:
      r.state === 'answered' && r.answer !== null && r.answered_at !== null
        ? { body: r.answer, by: r.answered_by != null ? { id: r.answered_by, name: r.answerer_name ?? '' } : null, at: r.answered_at }
        : null,
    decisionId: r.decision_id,
  };
}

/** Decisions with who decided and the question they came from; their items are read by presentDecisions. */
export function decisionQuery(db: Conn) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('products as p', 'p.id', 'd.product_id')
    .leftJoin('users as decider', 'decider.id', 'd.decided_by')
    .leftJoin('questions as q', 'q.id', 'd.question_id')
    .leftJoin('users as asker', 'asker.id', 'q.asker_id')
    .leftJoin('decisions as older', 'older.id', 'd.supersedes_id')
    .leftJoin('decisions as newer', 'newer.id', 'd.superseded_by_id')
    .select([
      'd.id',
      'd.title',
      'd.body',
      'd.decided_by',
      'd.decided_at',
      'd.question_id',
      'p.key as product_key',
      'decider.name as decider_name',
      'q.body as question_body',
      'q.asker_id',
      'asker.name as asker_name',
      'older.id as older_id',
      'older.title as older_title',
      'older.decided_at as older_at',
      'newer.id as newer_id',
      'newer.title as newer_title',
      'newer.decided_at as newer_at',
    ]);
}

type DecisionRow = Awaited<ReturnType<ReturnType<typeof decisionQuery>['execute']>>[number];

/** Presents decisions with their items, read for all of them in one query. */
export async function presentDecisions(db: Conn, rows: DecisionRow[]): Promise<TDecision[]> {
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .selectFrom('decision_items as di')
        .innerJoin('items as i', 'i.id', 'di.item_id')
        .innerJoin('workflow_states as s', 's.id', 'i.state_id')
        .select(['di.decision_id', 'i.key', 'i.title', 's.category'])
        .where('di.decision_id', 'in', ids)
        .where('i.deleted_at', 'is', null)
        .orderBy('i.number')
        .execute()
    : [];
  const itemsOf = new Map<number, TItemRef[]>();
  for (const l of links)
    itemsOf.set(l.decision_id, [
      ...(itemsOf.get(l.decision_id) ?? []),
      { key: l.key, title: l.title, stateCategory: l.category as StateCategory },
    ]);
  return rows.map((r) => ({
    id: r.id,
    productKey: r.product_key,
    title: r.title,
    body: r.body,
    decidedBy: r.decided_by != null ? { id: r.decided_by, name: r.decider_name ?? '' } : null,
    decidedAt: r.decided_at,
    question:
      r.question_id != null && r.question_body != null && r.asker_id != null
        ? { id: r.question_id, body: r.question_body, asker: { id: r.asker_id, name: r.asker_name ?? '' } }
        : null,
    items: itemsOf.get(r.id) ?? [],
    supersedes: r.older_id != null ? { id: r.older_id, title: r.older_title ?? '', decidedAt: r.older_at ?? '' } : null,
    supersededBy: r.newer_id != null ? { id: r.newer_id, title: r.newer_title ?? '', decidedAt: r.newer_at ?? '' } : null,
  }));
}
