import { SMTPServer } from 'smtp-server';
import { parseMimeMessage, type MimeMessage } from './mime-message';

export interface ReceivedMail {
  from: string;
  recipients: string[];
  /** The user the client authenticated as, or null. */
  user: string | null;
  message: MimeMessage;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Refuses the next `count` messages with a temporary failure: `451 <text>`. */
  refuseNext(count: number, text?: string): void;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Requires AUTH (PLAIN or LOGIN, over plain TCP) with these credentials before any mail. */
  auth?: { user: string; pass: string };
}

/** A real SMTP server (the `smtp-server` package) that keeps every message it accepts. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  let refusal = 'Try again later';
  const { auth } = options;
  const server = new SMTPServer({
    authOptional: auth === undefined,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disabledCommands: auth === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    logger: false,
    onAuth(given, _session, callback) {
      if (auth !== undefined && given.username === auth.user && given.password === auth.pass) {
        callback(null, { user: given.username });
        return;
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          callback(Object.assign(new Error(refusal), { responseCode: 451 }));
          return;
        }
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          recipients: envelope.rcptTo.map((recipient) => recipient.address),
          user: typeof session.user === 'string' ? session.user : null,
          message: parseMimeMessage(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (count, text = 'Try again later') => {
      refusals = count;
      refusal = text;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
