import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';

// Raw HTML off, and markdown-it's own link check refuses javascript:, vbscript: and data: URLs;
// DOMPurify then removes anything that still looks like script, whatever a stakeholder pasted.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

/** The only link targets kept: the web and e-mail. Anything else (javascript:, data:, file:) loses its href. */
const SAFE_HREF = /^(https?:|mailto:)/i;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_HREF.test(href.trim())) node.removeAttribute('href');
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
