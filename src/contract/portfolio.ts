import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZUserRef } from './common.js';
import { ZHealth } from './updates.js';

/** The lead's portfolio: every product they oversee, worst first (docs/decisions/0008). */

export const ZPortfolioRelease = z.object({
  id: z.number(),
  name: z.string(),
  targetDate: z.string().nullable(),
  /** the 85 % date of the release page's forecast; null without one */
  p85Date: z.string().nullable(),
  /** weeks from the target to the 85 % date, rounded; negative when early, null without a target or forecast */
  weeksLate: z.number().nullable(),
  /** chance (0–1) of making the target */
  targetProbability: z.number().nullable(),
  /** the release page's sentence */
  sentence: z.string(),
});

export const ZPortfolioRow = z.object({
  productKey: z.string(),
  productName: z.string(),
  owners: z.array(ZUserRef),
  /** health of the latest published update and how old it is; null before the first */
  health: z.object({ health: ZHealth, publishedAt: z.string(), ageDays: z.number() }).nullable(),
  releases: z.array(ZPortfolioRelease),
  blocked: z.object({ count: z.number(), seconds: z.number() }),
  /** each column with a WIP limit: how many items it holds against its limit */
  wip: z.array(z.object({ state: z.string(), count: z.number(), limit: z.number() })),
  oldestOpenQuestion: z.object({ id: z.number(), askedAt: z.string(), ageDays: z.number() }).nullable(),
  openQuestions: z.number(),
  untriagedRequests: z.number(),
  /** how much the product needs the lead's attention; the list is sorted by it, highest first */
  attention: z.number(),
});
export type TPortfolioRow = z.infer<typeof ZPortfolioRow>;
export const ZPortfolio = z.object({ items: z.array(ZPortfolioRow), nextCursor: z.null() });
export type TPortfolio = z.infer<typeof ZPortfolio>;

export const portfolioEndpoints = {
  get: endpoint({
    method: 'GET',
    path: '/api/portfolio',
    tag: 'portfolio',
    summary:
      'Every product the caller leads (admins: every product), worst first: owners, health and age of the latest update, each release against its target, blocked work, WIP against limits, the oldest open question and untriaged requests',
    response: ZPortfolio,
  }),
};
