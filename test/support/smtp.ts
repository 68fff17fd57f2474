import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** What a test's SMTP receiver got: the parsed message and who it was sent to in the envelope. */
export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface SmtpReceiver {
  port: number;
  /** smtp://user:secret@127.0.0.1:port: the URL Ordo is given */
  url: string;
  received: Received[];
  /** until opened, a stalled receiver accepts connections but never greets them */
  open(): void;
  close(): Promise<void>;
}

export const SMTP_USER = 'ordo';
export const SMTP_PASSWORD = 'smtp-secret';

/**
 * A real SMTP server (the `smtp-server` package speaks the protocol) that keeps what it receives,
 * parsed by `mailparser`. It asks for the user and password of `url`, as a real relay would.
 * `stalled`: connections are accepted but get no greeting until `open()`, as a hung mail server.
 */
export async function startSmtpReceiver(opts: { stalled?: boolean; port?: number } = {}): Promise<SmtpReceiver> {
  const received: Received[] = [];
  let gate: Promise<void> = Promise.resolve();
  let release = () => {};
  if (opts.stalled) gate = new Promise<void>((r) => (release = r));
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onConnect(_session, callback) {
      void gate.then(() => callback());
    },
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    port,
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    open: () => release(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
