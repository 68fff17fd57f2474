/**
 * The words of Ordo's e-mails: a plain-text part and an HTML part saying the same, each with the
 * link to what it is about and where to change what Ordo sends.
 */

export interface MailNotification {
  title: string;
  body: string;
  link: string;
  productName: string | null;
  actorName: string | null;
  createdAt: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const SETTINGS_PATH = '/settings/notifications';

/** One notification as one e-mail. */
export function notificationEmail(n: MailNotification, publicUrl: string): MailContent {
  const url = publicUrl + n.link;
  const where = n.productName ? `${n.productName} · ` : '';
  const body = n.body.trim();
  const text = [n.title, '', ...(body ? [quote(body), ''] : []), `Open it in Ordo: ${url}`, '', footerText(publicUrl)].join('\n');
  const html = page(
    `<p style="margin:0 0 4px;color:#6b7280;font-size:13px">${escape(where)}Ordo</p>
<h1 style="margin:0 0 12px;font-size:18px;font-weight:600">${escape(n.title)}</h1>
${body ? `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #d1d5db;color:#374151;white-space:pre-wrap">${escape(body)}</blockquote>` : ''}
<p style="margin:0 0 24px"><a href="${escape(url)}" style="display:inline-block;padding:8px 14px;border-radius:6px;background:#4f46e5;color:#ffffff;text-decoration:none">Open in Ordo</a></p>
${footerHtml(publicUrl)}`,
  );
  return { subject: n.title, text, html };
}

/** Several notifications gathered into one e-mail, oldest first. */
export function digestEmail(list: MailNotification[], publicUrl: string): MailContent {
  const subject = list.length === 1 ? list[0]!.title : `${list.length} notifications from Ordo`;
  const text = [
    `${list.length} notification${list.length === 1 ? '' : 's'} since the last e-mail:`,
    '',
    ...list.flatMap((n) => [`• ${n.title}`, ...(n.body.trim() ? [quote(n.body.trim(), '    ')] : []), `  ${publicUrl + n.link}`, '']),
    `All of them in Ordo: ${publicUrl}/`,
    '',
    footerText(publicUrl),
  ].join('\n');
  const items = list
    .map(
      (n) => `<li style="margin:0 0 14px">
<a href="${escape(publicUrl + n.link)}" style="color:#111827;font-weight:600;text-decoration:none">${escape(n.title)}</a>
${n.productName ? `<span style="color:#6b7280;font-size:13px"> · ${escape(n.productName)}</span>` : ''}
${n.body.trim() ? `<div style="color:#374151;white-space:pre-wrap;margin-top:2px">${escape(clip(n.body.trim()))}</div>` : ''}
</li>`,
    )
    .join('\n');
  const html = page(
    `<h1 style="margin:0 0 12px;font-size:18px;font-weight:600">${list.length} notification${list.length === 1 ? '' : 's'} since the last e-mail</h1>
<ul style="margin:0 0 20px;padding-left:18px">${items}</ul>
<p style="margin:0 0 24px"><a href="${escape(publicUrl)}/" style="color:#4f46e5">Open Ordo</a></p>
${footerHtml(publicUrl)}`,
  );
  return { subject, text, html };
}

function footerText(publicUrl: string) {
  return `You get this e-mail from Ordo. Choose what it e-mails you: ${publicUrl}${SETTINGS_PATH}`;
}

function footerHtml(publicUrl: string) {
  return `<p style="margin:0;color:#6b7280;font-size:12px">You get this e-mail from Ordo. <a href="${escape(publicUrl + SETTINGS_PATH)}" style="color:#6b7280">Choose what it e-mails you</a>.</p>`;
}

function page(inner: string) {
  return `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f9fafb;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#111827">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px">
${inner}
</div></body></html>`;
}

const clip = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}…` : s);
const quote = (s: string, prefix = '> ') =>
  clip(s)
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');

export function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
