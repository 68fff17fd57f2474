import type { TAnswerRequest, TQuestion } from '../../contract/questions.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { clip, notifyMentions, resolveMentions } from '../mentions.js';
import { markEntityRead } from '../notifications/find-notifications.js';
import { notify } from '../notifications/notify.js';
import { requireQuestion } from './ask-question.js';
import { resolveItemKeys, writeDecision } from './decisions.js';
import { presentQuestion, questionQuery } from './present-question.js';

/** A decision's title: the question's first line, as short as a log line should be. */
const titleOf = (question: string) => {
  const line = question.trim().split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

/**
 * Answers an open question: the product's owners may answer any, a developer or QA the ones
 * addressed to them. With `decision` (owners only) the answer goes into the decision log, linked to
 * the question's item and any others named. The asker is told; a second answer is a 409.
 */
export async function answerQuestion(ctx: ServiceContext, actor: Actor, id: number, input: TAnswerRequest): Promise<TQuestion> {
  const { question, product, role } = await requireQuestion(ctx, actor, id);
  const addressedToMe = question.addressee_id === actor.userId && can(role, 'question.reply');
  if (!can(role, 'question.answer') && !addressedToMe)
    throw forbidden(`A ${role} cannot answer this question; the product's owners answer it, or the person it is addressed to`);
  if (input.decision && !can(role, 'question.answer')) throw forbidden("Only the product's owners record decisions");
  if (question.state !== 'open') throw alreadyAnswered(question.answerer_name);
  const extraItems = input.decision ? await resolveItemKeys(ctx, product, input.itemKeys ?? []) : [];
  const mentioned = await resolveMentions(ctx.db, product, input.body, 'body');
  const where = question.item_key ?? product.key;
  const link = question.item_key ? `/p/${product.key}/items/${question.item_key}` : `/p/${product.key}/questions`;

  return mutate(ctx, { productId: product.id }, async (tx) => {
    const now = tx.clock.now().toISOString();
    const answered = await tx.db
      .updateTable('questions')
      .set({ state: 'answered', answer: input.body, answered_by: actor.userId, answered_at: now })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .executeTakeFirst();
    // Someone answered between our read and this write.
    if (Number(answered.numUpdatedRows) !== 1) throw alreadyAnswered(null);
    if (question.item_id !== null)
      await tx.db
        .updateTable('items')
        .set((eb) => ({ open_questions: eb('open_questions', '-', 1) }))
        .where('id', '=', question.item_id)
        .execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'question',
      entityId: id,
      itemId: question.item_id,
      action: 'answered',
      before: { state: 'open' },
      after: { state: 'answered', answer: input.body, decision: !!input.decision },
    });
    if (input.decision) {
      const decisionId = await writeDecision(tx, actor, product, {
        title: titleOf(question.body),
        body: input.body,
        questionId: id,
        itemIds: [...(question.item_id !== null ? [question.item_id] : []), ...extraItems],
        supersedes: input.supersedes,
      });
      await tx.db.updateTable('questions').set({ decision_id: decisionId }).where('id', '=', id).execute();
    }
    await notify(tx, {
      kind: 'question_answered',
      recipientIds: [question.asker_id],
      productId: product.id,
      actorId: actor.userId,
      title: input.decision
        ? `${actor.name} answered your question on ${where} and recorded it as a decision`
        : `${actor.name} answered your question on ${where}`,
      body: clip(input.body),
      link,
      entity: { type: 'question', id },
    });
    await notifyMentions(tx, {
      product,
      actor,
      mentioned,
      except: [question.asker_id],
      where: `in an answer on ${where}`,
      text: input.body,
      link,
      entity: { type: 'question', id },
    });
    // Answering is reading: the question drops out of the answerer's unread notifications.
    await markEntityRead(tx, actor.userId, { type: 'question', id });
    return presentQuestion(await questionQuery(tx.db).where('q.id', '=', id).executeTakeFirstOrThrow());
  });
}

function alreadyAnswered(by: string | null) {
  return new AppError('conflict', by ? `This question was already answered by ${by}` : 'This question was already answered');
}
