import { createHash } from 'node:crypto';
import { dayOf, longDate } from '../domain/dates.js';
import { renderSafeMarkdown } from '../domain/markdown.js';
import { HEALTH_LABELS } from '../domain/status-update.js';
import type { SharedView } from '../services/share-links/open-share-link.js';

/**
 * The share page and its Atom feed, written as text: a few dozen lines of template beat a view
 * engine, and every value goes through `escape` (Markdown through the shared safe renderer).
 */

export const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
:root{color-scheme:light dark;--bg:#f7f7f8;--card:#fff;--text:#1f2328;--muted:#5b6270;--line:#e3e5e8;--accent:#4f46e5;
--on:#15803d;--risk:#b45309;--off:#b91c1c}
@media (prefers-color-scheme:dark){:root{--bg:#111318;--card:#1a1d24;--text:#e6e8eb;--muted:#9aa1ad;--line:#2b303a;--accent:#8b8cf8;
--on:#4ade80;--risk:#fbbf24;--off:#f87171}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:760px;margin:0 auto;padding:32px 20px 48px}
header{margin-bottom:24px}
.eyebrow{color:var(--muted);font-size:13px;margin:0 0 4px}
h1{font-size:26px;line-height:1.25;margin:0}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:32px 0 12px}
section>article,.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-bottom:12px}
.meta{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;color:var(--muted);font-size:13px;margin-bottom:8px}
.health{display:inline-flex;align-items:center;gap:6px;font-weight:600;font-size:13px}
.health::before{content:"";width:9px;height:9px;border-radius:50%;background:currentColor}
.on_track{color:var(--on)}.at_risk{color:var(--risk)}.off_track{color:var(--off)}
.prose h1,.prose h2,.prose h3{font-size:16px;text-transform:none;letter-spacing:0;color:var(--text);margin:16px 0 6px}
.prose p,.prose ul,.prose ol{margin:6px 0}.prose ul,.prose ol{padding-left:22px}
.prose a{color:var(--accent)}.prose code{font-size:13px}
.release{display:grid;gap:4px}.release strong{font-size:15px}
progress{display:block;width:100%;height:8px;margin-top:8px;accent-color:var(--accent)}
.row{display:flex;justify-content:space-between;gap:12px}
.muted{color:var(--muted)}
footer{margin-top:40px;color:var(--muted);font-size:12px}
footer a{color:var(--muted)}
`;

/** The CSP allows exactly this stylesheet and nothing runs: the page has no script at all. */
export const SHARE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  'img-src https: data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(title: string, body: string, feedHref?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escape(title)}</title>
${feedHref ? `<link rel="alternate" type="application/atom+xml" title="${escape(title)}" href="${escape(feedHref)}">` : ''}
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const dateOf = (iso: string, today: number) => longDate(dayOf(iso), today);

/** The shared product: its updates, its releases' forecasts and its roadmap, as far as the link's scope goes. */
export function sharePageHtml(view: SharedView, feedHref: string): string {
  const today = dayOf(view.asOf);
  const parts: string[] = [`<header><p class="eyebrow">Status of</p><h1>${escape(view.productName)}</h1></header>`];
  if (view.scope.forecasts) {
    parts.push('<section aria-labelledby="forecasts"><h2 id="forecasts">Release forecasts</h2>');
    if (!view.releases.length) parts.push('<p class="muted">No open releases.</p>');
    for (const r of view.releases)
      parts.push(
        `<div class="card release"><strong>${escape(r.name)}</strong>${
          r.targetDate ? `<span class="muted">Target ${escape(dateOf(r.targetDate, today))}</span>` : ''
        }<span>${escape(r.sentence)}</span></div>`,
      );
    parts.push('</section>');
  }
  if (view.scope.updates) {
    parts.push(`<section aria-labelledby="updates"><h2 id="updates">Status updates</h2>`);
    if (!view.updates.length) parts.push('<p class="muted">No status update has been published yet.</p>');
    for (const u of view.updates)
      parts.push(
        `<article><div class="meta"><span class="health ${u.health}">${HEALTH_LABELS[u.health]}</span><time datetime="${escape(
          u.publishedAt,
        )}">${escape(dateOf(u.publishedAt, today))}</time>${
          u.correctedAt ? `<span>Corrected ${escape(dateOf(u.correctedAt, today))}: ${escape(u.correctionNote ?? '')}</span>` : ''
        }</div><div class="prose">${renderSafeMarkdown(u.body)}</div></article>`,
      );
    parts.push('</section>');
  }
  if (view.scope.roadmap) {
    parts.push('<section aria-labelledby="roadmap"><h2 id="roadmap">Roadmap</h2>');
    if (!view.roadmap.length) parts.push('<p class="muted">No epics yet.</p>');
    for (const e of view.roadmap) {
      const pct = e.total ? Math.round((e.done / e.total) * 100) : 0;
      parts.push(
        `<div class="card"><div class="row"><strong>${escape(e.title)}</strong><span class="muted">${e.done} of ${e.total} done</span></div><progress max="${e.total || 1}" value="${e.done}" aria-label="${pct} % done">${pct} %</progress></div>`,
      );
    }
    parts.push('</section>');
  }
  parts.push(
    `<footer>A read-only page shared from Ordo, as of ${escape(dateOf(view.asOf, today))}.${
      view.scope.updates ? ` <a href="${escape(feedHref)}">Follow the updates in a feed reader</a>.` : ''
    }</footer>`,
  );
  return page(`${view.productName} — status`, parts.join('\n'), view.scope.updates ? feedHref : undefined);
}

/** The one answer for an unknown, revoked or expired link: nothing about any product. */
export function notFoundHtml(): string {
  return page(
    'Link not found',
    '<header><h1>This link does not exist</h1></header><p class="muted">It may have been revoked or have expired. Ask whoever sent it for a new one.</p>',
  );
}

/**
 * The published updates as an Atom 1.0 feed (RFC 4287): the feed's id, title, updated and author,
 * and per entry its id, title, updated, published and the body as HTML content.
 */
export function shareFeedXml(view: SharedView, selfHref: string, pageHref: string): string {
  const today = dayOf(view.asOf);
  const updated =
    view.updates
      .map((u) => u.correctedAt ?? u.publishedAt)
      .sort()
      .at(-1) ?? view.asOf;
  const entries = view.updates.map(
    (u) => `  <entry>
    <id>urn:ordo:share:${view.linkId}:update:${u.id}</id>
    <title>${escape(`${HEALTH_LABELS[u.health]} — ${dateOf(u.publishedAt, today)}`)}</title>
    <updated>${u.correctedAt ?? u.publishedAt}</updated>
    <published>${u.publishedAt}</published>
    <link rel="alternate" type="text/html" href="${escape(pageHref)}"/>
    <content type="html">${escape(renderSafeMarkdown(u.body))}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:ordo:share:${view.linkId}</id>
  <title>${escape(`${view.productName} — status updates`)}</title>
  <updated>${updated}</updated>
  <author><name>${escape(view.productName)}</name></author>
  <link rel="self" type="application/atom+xml" href="${escape(selfHref)}"/>
  <link rel="alternate" type="text/html" href="${escape(pageHref)}"/>
${entries.join('\n')}
</feed>
`;
}
