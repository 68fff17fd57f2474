import nodemailer from 'nodemailer';
import { PermanentJobError } from '../outbox-worker.js';

/** One e-mail, ready to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends Ordo's e-mail. Only the outbox's e-mail handler calls `send`; services just ask for e-mail with notify(). */
export interface Mailer {
  /** where links in e-mails point, without a trailing slash: https://ordo.example.com */
  publicUrl: string;
  /** `smtp://mail.example.com:587`, without the password, for messages */
  describe: string;
  send(mail: OutgoingMail): Promise<void>;
  /** Whether the last attempt found the server unreachable (sends fail at once for a few seconds). */
  isDown(): boolean;
  /** Tries the server once; resolves to what is wrong in words, or null when it answers. */
  check(): Promise<string | null>;
  close(): void;
}

export interface MailerConfig {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465 */
  smtpUrl: string;
  /** the From header; "Ordo <ordo@host-of-the-public-url>" by default */
  smtpFrom?: string;
  publicUrl: string;
}

/** How long sends fail at once after the server could not be reached, instead of each waiting for its own timeout. */
const DOWN_FOR_MS = 10_000;
const CONNECTION_ERRORS = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH']);

/**
 * A mailer for SMTP_URL. A URL Ordo cannot use (another scheme, not a URL) still makes a mailer,
 * whose every send fails with the reason: the server starts, the e-mails wait in the outbox, and
 * they go out once the setting is fixed and the server restarted.
 */
export function createMailer(config: MailerConfig): Mailer {
  const publicUrl = config.publicUrl.replace(/\/+$/, '');
  let url: URL | null = null;
  try {
    url = new URL(config.smtpUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')) {
    const problem = `SMTP_URL must be smtp://host:port or smtps://host:port (with user:password@ when the server wants them), not "${redact(config.smtpUrl)}"`;
    return {
      publicUrl,
      describe: redact(config.smtpUrl),
      send: async () => {
        throw new Error(problem);
      },
      check: async () => problem,
      isDown: () => true,
      close: () => {},
    };
  }
  const describe = `${url.protocol}//${url.host}`;
  const from = config.smtpFrom || `Ordo <ordo@${hostOf(publicUrl)}>`;
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: 2,
    // Short enough that a job never outlives its outbox claim while waiting for a dead server.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  let downUntil = 0;
  let downBecause = '';

  return {
    publicUrl,
    describe,
    async send(mail) {
      if (Date.now() < downUntil) throw new Error(downBecause);
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      } catch (e) {
        const err = e as { code?: string; responseCode?: number; message?: string };
        const message = `${describe}: ${err.message ?? String(e)}`;
        if (err.code && CONNECTION_ERRORS.has(err.code)) {
          downUntil = Date.now() + DOWN_FOR_MS;
          downBecause = `cannot reach the SMTP server (${message})`;
          throw new Error(downBecause);
        }
        // The server refused this recipient or message for good (5xx); trying again cannot help.
        if (err.responseCode && err.responseCode >= 500 && err.code === 'EENVELOPE') throw new PermanentJobError(message);
        throw new Error(message);
      }
    },
    isDown: () => Date.now() < downUntil,
    async check() {
      try {
        await transport.verify();
        return null;
      } catch (e) {
        return `cannot reach the SMTP server at ${describe}: ${(e as Error).message}`;
      }
    },
    close: () => transport.close(),
  };
}

/** The URL without its password, for logs. */
export function redact(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return raw.replace(/\/\/[^@/]*@/, '//***@');
  }
}

function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}
