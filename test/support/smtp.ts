import { AddressInfo } from 'node:net';
import { AddressObject, ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the test SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** Decoded (RFC 2047) subject. */
  subject: string;
  /** The X-Notification-Id header: which notification this e-mail carries. */
  notificationId: string;
  /** The X-Agency-Message-Id header: which e-mail to an agency's contact address this is. */
  agencyMessageId: string;
  /** The X-Digest-Id header: which daily digest this is. */
  digestId: string;
  raw: string;
}

/**
 * accept: take every message; reject: answer 554 to every message (a server refusing mail);
 * hold: take the message data but never answer (a transfer in flight, for crash tests).
 */
export type SmtpMode = 'accept' | 'reject' | 'hold';

export interface TestSmtp {
  url: string;
  messages: ReceivedMail[];
  /** Every DATA transfer started, refused ones included. */
  attempts: () => number;
  /** How many transfers (refused ones included) carried this notification's e-mail. */
  transfersOf: (notificationId: string) => number;
  setMode: (mode: SmtpMode) => void;
  /** Answers every held transfer with success (the messages are then received). */
  releaseHeld: () => number;
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  /**
   * Every message received so far, parsed by a MIME parser (mailparser) and checked as a real
   * e-mail (see checkRealEmail): throws naming each message that is not one.
   */
  everyMessageReal: () => Promise<ParsedMail[]>;
  close: () => Promise<void>;
}

/** One received message as a mail client reads it. */
export function parseMail(mail: ReceivedMail): Promise<ParsedMail> {
  return simpleParser(mail.raw, { skipImageLinks: true });
}

/**
 * What every e-mail of the service is: multipart/alternative with a text and an HTML part, its
 * language in Content-Language, Auto-Submitted: auto-generated, the reader's name in To, a
 * Message-ID derived from its notification (or agency message, or digest), and no remote images. Returns the problems found.
 */
export function checkRealEmail(parsed: ParsedMail): string[] {
  const problems: string[] = [];
  const contentType = parsed.headers.get('content-type') as { value?: string } | undefined;
  if (contentType?.value !== 'multipart/alternative') {
    problems.push(`Content-Type is ${contentType?.value ?? 'missing'}, not multipart/alternative`);
  }
  if (!parsed.text?.trim()) problems.push('no text part');
  if (typeof parsed.html !== 'string' || !parsed.html.includes('</html>')) {
    problems.push('no HTML part');
  }
  const language = parsed.headers.get('content-language');
  if (language !== 'lo' && language !== 'en') {
    problems.push(`Content-Language is ${String(language)}`);
  }
  if (typeof parsed.html === 'string' && !parsed.html.includes(`lang="${String(language)}"`)) {
    problems.push('the HTML does not say its language');
  }
  if (parsed.headers.get('auto-submitted') !== 'auto-generated') {
    problems.push('no Auto-Submitted: auto-generated');
  }
  const to = (parsed.to as AddressObject | undefined)?.value[0];
  if (!to?.name) problems.push('To has no name');
  const notificationId = parsed.headers.get('x-notification-id');
  const agencyMessageId = parsed.headers.get('x-agency-message-id');
  const digestId = parsed.headers.get('x-digest-id');
  const expectedId = notificationId
    ? `<notification-${String(notificationId)}@guidelines.local>`
    : digestId
      ? `<digest-${String(digestId)}@guidelines.local>`
      : `<agency-message-${String(agencyMessageId)}@guidelines.local>`;
  if (parsed.messageId !== expectedId) {
    problems.push(`Message-ID ${parsed.messageId} is not derived from what it carries`);
  }
  if (typeof parsed.html === 'string' && /<img|url\(|<link/i.test(parsed.html)) {
    problems.push('the HTML loads something');
  }
  return problems;
}

function unfold(headers: string): string {
  return headers.replace(/\r?\n[ \t]+/g, ' ');
}

/** Decodes RFC 2047 encoded words (B and Q), joining adjacent ones as the RFC says. */
export function decodeHeader(value: string): string {
  const joined = value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  return joined.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_m, _charset, enc: string, text: string) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text
        .replace(/_/g, ' ')
        .replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    },
  );
}

function headerOf(raw: string, name: string): string {
  const head = unfold(raw.split(/\r?\n\r?\n/)[0]);
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeHeader(line.slice(name.length + 1).trim()) : '';
}

/** A real SMTP server on a free local port (no TLS, no auth), recording what it receives. */
export async function startSmtp(initialMode: SmtpMode = 'accept'): Promise<TestSmtp> {
  let mode = initialMode;
  let attempts = 0;
  const transfers: string[] = [];
  const messages: ReceivedMail[] = [];
  const held: { accept: () => void; drop: () => void }[] = [];
  // A message is received only when the server answers 250 on an open connection (RFC 5321).
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      attempts += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        transfers.push(headerOf(Buffer.concat(chunks).toString('utf8'), 'X-Notification-Id'));
        if (mode === 'reject') {
          const error = new Error('Mailbox unavailable (test server refuses mail)') as Error & {
            responseCode: number;
          };
          error.responseCode = 554;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = () => {
          if (closed.has(session.id)) return;
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: headerOf(raw, 'Subject'),
            notificationId: headerOf(raw, 'X-Notification-Id'),
            agencyMessageId: headerOf(raw, 'X-Agency-Message-Id'),
            digestId: headerOf(raw, 'X-Digest-Id'),
            raw,
          });
          callback();
        };
        if (mode === 'hold') {
          held.push({ accept, drop: () => callback(new Error('connection dropped')) });
          return;
        }
        accept();
      });
    },
  });
  // A client killed mid-transfer resets its connection: that is an expected event here, not a crash.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts: () => attempts,
    transfersOf: (notificationId) => transfers.filter((id) => id === notificationId).length,
    releaseHeld: () => {
      const waiting = held.splice(0);
      // A transfer whose client went away meanwhile is not received.
      waiting.forEach((transfer) => transfer.accept());
      return waiting.length;
    },
    setMode: (next) => {
      mode = next;
    },
    waitFor: async (count, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > until) {
          throw new Error(`SMTP: expected ${count} messages, got ${messages.length}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    everyMessageReal: async () => {
      const parsed = await Promise.all(messages.map(parseMail));
      const bad = parsed
        .map((mail, i) => ({ subject: messages[i].subject, problems: checkRealEmail(mail) }))
        .filter((m) => m.problems.length);
      if (bad.length) {
        throw new Error(
          `${bad.length} of ${parsed.length} e-mails are not well formed:\n` +
            bad.map((m) => `- ${m.subject}: ${m.problems.join('; ')}`).join('\n'),
        );
      }
      return parsed;
    },
    close: async () => {
      held.splice(0).forEach((transfer) => transfer.drop());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
