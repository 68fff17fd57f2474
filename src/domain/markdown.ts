import MarkdownIt from 'markdown-it';

/**
 * How Ordo reads the Markdown people write (item descriptions, comments, status updates), in one
 * place for the web app and the server-rendered share page: raw HTML off, and only web and e-mail
 * links kept. The web app runs DOMPurify over this as well (web/src/ui/Markdown.tsx).
 */

/** The only link targets kept: the web and e-mail. Anything else (javascript:, data:, file:) loses its href. */
export const SAFE_HREF = /^(https?:|mailto:)/i;

/** Raw HTML off; markdown-it's own link check already refuses javascript:, vbscript: and data: URLs. */
export function createMarkdown(): MarkdownIt {
  return new MarkdownIt({ html: false, linkify: true, breaks: true });
}

let server: MarkdownIt | undefined;

/**
 * Markdown as HTML that needs no DOM to be safe: with raw HTML off, markdown-it writes only its
 * own tags and escapes every text; links and images keep only SAFE_HREF targets (anything else is
 * written as plain text), and links open without telling the target where they came from.
 */
export function renderSafeMarkdown(source: string): string {
  if (!server) {
    server = createMarkdown();
    server.validateLink = (url) => SAFE_HREF.test(url.trim());
    const open = server.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
    server.renderer.rules.link_open = (tokens, i, options, env, self) => {
      tokens[i]!.attrSet('rel', 'noopener noreferrer nofollow');
      tokens[i]!.attrSet('target', '_blank');
      return open(tokens, i, options, env, self);
    };
  }
  return server.render(source);
}
