import DOMPurify from 'dompurify';
import { createMarkdown, SAFE_HREF } from '@ordo/domain/markdown';
import { useMemo } from 'react';

// The rules shared with the server-rendered share page (src/domain/markdown.ts); DOMPurify then
// removes anything that still looks like script, whatever a stakeholder pasted.
const md = createMarkdown();

/** In the app, links to Ordo's own attachments are kept too (the share page has no signed-in reader to fetch them). */
const APP_SAFE_HREF = new RegExp(`${SAFE_HREF.source}|^\\/api\\/attachments\\/\\d+\\/`, 'i');

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !APP_SAFE_HREF.test(href.trim())) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

export function renderMarkdown(source: string): string {
  return DOMPurify.sanitize(md.render(source), { USE_PROFILES: { html: true } });
}

/** Markdown as safe HTML. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className={['prose', className ?? ''].join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
