import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { answerQuestion } from '../../services/questions/answer-question.js';
import { askQuestion, askQuestionOnItem } from '../../services/questions/ask-question.js';
import { findDecisions, recordDecision } from '../../services/questions/decisions.js';
import { findItemQuestions, findQuestions } from '../../services/questions/find-questions.js';
import { routes, type Route } from '../route.js';

/** Questions to the owner, their answers, and the decision log. */
export function questionRoutes(ctx: ServiceContext): Route[] {
  return [
    ...routes(endpoints.questions, {
      askOnItem: ({ actor, params, body }) => askQuestionOnItem(ctx, actor, params.key, body),
      ask: ({ actor, params, body }) => askQuestion(ctx, actor, params.key, body),
      list: ({ actor, params, query }) => findQuestions(ctx, actor, params.key, query),
      onItem: async ({ actor, params }) => ({ items: await findItemQuestions(ctx, actor, params.key), nextCursor: null }),
      answer: ({ actor, params, body }) => answerQuestion(ctx, actor, params.id, body),
    }),
    ...routes(endpoints.decisions, {
      list: ({ actor, params, query }) => findDecisions(ctx, actor, params.key, query),
      record: ({ actor, params, body }) => recordDecision(ctx, actor, params.key, body),
    }),
  ];
}
