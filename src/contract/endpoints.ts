import { authEndpoints, tokensEndpoints, usersEndpoints } from './auth.js';
import { accountsEndpoints, profileEndpoints } from './accounts.js';
import { attachmentsEndpoints } from './attachments.js';
import { eventsEndpoints } from './events.js';
import { forecastsEndpoints } from './forecasts.js';
import { commentsEndpoints, criteriaEndpoints, historyEndpoints, linksEndpoints } from './item-parts.js';
import { boardEndpoints, itemsEndpoints } from './items.js';
import { metaEndpoints } from './meta.js';
import { membersEndpoints, productsEndpoints, statesEndpoints } from './products.js';
import { releasesEndpoints } from './releases.js';
import { reportsEndpoints } from './reports.js';
import { sprintsEndpoints } from './sprints.js';
import { notificationsEndpoints } from './notifications.js';
import { decisionsEndpoints, questionsEndpoints } from './questions.js';
import { requestsEndpoints } from './requests.js';
import { inboxEndpoints } from './inbox.js';
import { updatesEndpoints } from './updates.js';
import { shareLinksEndpoints } from './share-links.js';
import { portfolioEndpoints } from './portfolio.js';
import { exportsEndpoints } from './exports.js';
import { webhooksEndpoints } from './webhooks.js';
import { importsEndpoints } from './imports.js';

/**
 * Every endpoint of the API by resource, in the order the docs list them. The server must register
 * each exactly once (src/http/app.ts checks at start-up); the web client calls them by these names.
 */
export const endpoints = {
  meta: metaEndpoints,
  auth: authEndpoints,
  tokens: tokensEndpoints,
  users: usersEndpoints,
  accounts: accountsEndpoints,
  profile: profileEndpoints,
  products: productsEndpoints,
  members: membersEndpoints,
  states: statesEndpoints,
  items: itemsEndpoints,
  board: boardEndpoints,
  events: eventsEndpoints,
  comments: commentsEndpoints,
  criteria: criteriaEndpoints,
  links: linksEndpoints,
  history: historyEndpoints,
  attachments: attachmentsEndpoints,
  sprints: sprintsEndpoints,
  releases: releasesEndpoints,
  reports: reportsEndpoints,
  forecasts: forecastsEndpoints,
  notifications: notificationsEndpoints,
  questions: questionsEndpoints,
  decisions: decisionsEndpoints,
  requests: requestsEndpoints,
  inbox: inboxEndpoints,
  updates: updatesEndpoints,
  shareLinks: shareLinksEndpoints,
  portfolio: portfolioEndpoints,
  exports: exportsEndpoints,
  webhooks: webhooksEndpoints,
  imports: importsEndpoints,
};
