import {
  endpoints,
  type RequestImpact,
  type RequestState,
  type TAnswerRequest,
  type TRecordDecisionRequest,
  type TTriageRequest,
} from '@ordo/contract';
import { call } from './client';

const { questions, decisions, requests, inbox } = endpoints;

/** Questions to the owner and the decision log. */
export const questionsApi = {
  list: (productKey: string, state: 'open' | 'answered', cursor?: string) =>
    call(questions.list, { params: { key: productKey }, query: { state, cursor, limit: 50 } }),
  onItem: (itemKey: string) => call(questions.onItem, { params: { key: itemKey } }),
  askOnItem: (itemKey: string, body: string, addresseeId?: number) =>
    call(questions.askOnItem, { params: { key: itemKey }, body: { body, addresseeId } }),
  ask: (productKey: string, body: string, addresseeId?: number) =>
    call(questions.ask, { params: { key: productKey }, body: { body, addresseeId } }),
  answer: (id: number, answer: TAnswerRequest) => call(questions.answer, { params: { id }, body: answer }),
  decisions: (productKey: string, q?: string, cursor?: string) =>
    call(decisions.list, { params: { key: productKey }, query: { q: q || undefined, cursor, limit: 50 } }),
  recordDecision: (productKey: string, decision: TRecordDecisionRequest) =>
    call(decisions.record, { params: { key: productKey }, body: decision }),
};

/** Requests: submit, vote, "+ customer", triage. */
export const requestsApi = {
  list: (productKey: string, state: RequestState, sort: 'oldest' | 'newest' | 'votes', q?: string, cursor?: string) =>
    call(requests.list, { params: { key: productKey }, query: { state, sort, q: q || undefined, cursor, limit: 50 } }),
  create: (productKey: string, request: { title: string; description: string; customer: string; impact: RequestImpact; link?: string }) =>
    call(requests.create, { params: { key: productKey }, body: request }),
  vote: (id: number) => call(requests.vote, { params: { id } }),
  unvote: (id: number) => call(requests.unvote, { params: { id } }),
  addCustomer: (id: number, customer: string) => call(requests.addCustomer, { params: { id }, body: { customer } }),
  triage: (id: number, triage: TTriageRequest) => call(requests.triage, { params: { id }, body: triage }),
  onItem: (itemKey: string) => call(requests.onItem, { params: { key: itemKey } }),
};

/** What waits for the signed-in person across their products. */
export const inboxApi = {
  get: (limit = 25) => call(inbox.get, { query: { limit } }),
  questions: (cursor?: string) => call(inbox.questions, { query: { cursor, limit: 50 } }),
  requests: (cursor?: string) => call(inbox.requests, { query: { cursor, limit: 50 } }),
};
