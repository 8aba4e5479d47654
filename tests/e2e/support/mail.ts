/**
 * Mail in end-to-end tests. The run's global setup starts an SMTP capture server (the
 * `smtp-server` package) and points the app's SMTP_URL at it; every message the app sends
 * really goes over SMTP and lands, decoded, as one JSON line in the run's mail file.
 * Tests read it with `readMail(to)`.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { SMTPServer } from 'smtp-server';

export type CapturedMail = { to: string[]; from: string; subject: string; text: string; receivedAt: string };

// ---------------------------------------------------------------- decoding (just what nodemailer sends)

function decodeQuotedPrintable(body: string): Buffer {
  const bytes: number[] = [];
  const text = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?utf-8?Q?...?= / =?utf-8?B?...?=) in a header value. */
function decodeHeaderValue(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const boundary = raw.search(/\r?\n\r?\n/);
  const head = boundary === -1 ? raw : raw.slice(0, boundary);
  const body = boundary === -1 ? '' : raw.slice(boundary).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8');
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

/** The text/plain body of a message (the first text/plain part of a multipart one). */
function plainText(part: Part): string {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const children = part.body.split(`--${boundary}`).slice(1).filter((chunk) => !chunk.startsWith('--'));
    for (const child of children) {
      const text = plainText(splitPart(child.replace(/^\r?\n/, '')));
      if (text) return text;
    }
    return '';
  }
  return /^text\/plain/i.test(type) ? decodeBody(part).replace(/\r\n/g, '\n').trimEnd() : '';
}

export function parseMessage(raw: string, envelopeTo: string[]): CapturedMail {
  const message = splitPart(raw);
  return {
    to: envelopeTo.map((address) => address.toLowerCase()),
    from: decodeHeaderValue(message.headers.get('from') ?? ''),
    subject: decodeHeaderValue(message.headers.get('subject') ?? ''),
    text: plainText(message),
    receivedAt: new Date().toISOString(),
  };
}

// ---------------------------------------------------------------- the capture server (global setup)

/**
 * Accepts any message on 127.0.0.1:`port` without TLS or authentication (nodemailer then
 * sends in plain text) and appends it to `file`.
 */
export async function startMailCapture(port: number, file: string): Promise<{ stop(): Promise<void> }> {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'Chorus end-to-end mail capture',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const mail = parseMessage(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address));
        appendFile(file, `${JSON.stringify(mail)}\n`).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// ---------------------------------------------------------------- reading (tests)

export async function allMail(): Promise<CapturedMail[]> {
  const file = process.env.E2E_MAIL_FILE;
  if (!file) throw new Error('E2E_MAIL_FILE is not set: run end-to-end tests with `npx playwright test` (global setup sets it)');
  const content = await readFile(file, 'utf8').catch(() => '');
  return content.split('\n').filter(Boolean).map((line) => JSON.parse(line) as CapturedMail);
}

/**
 * The newest message sent to `to` (received after `since`, if given; its subject matching
 * `subject`, if given). Polls until one arrives or `timeout` ms pass, then throws.
 */
export async function readMail(
  to: string,
  options: { subject?: string | RegExp; since?: Date; timeout?: number } = {},
): Promise<CapturedMail> {
  const address = to.trim().toLowerCase();
  const deadline = Date.now() + (options.timeout ?? 10_000);
  for (;;) {
    const found = (await allMail())
      .filter((mail) => mail.to.includes(address))
      .filter((mail) => !options.since || new Date(mail.receivedAt) >= options.since)
      .filter((mail) => {
        if (!options.subject) return true;
        return typeof options.subject === 'string' ? mail.subject.includes(options.subject) : options.subject.test(mail.subject);
      })
      .at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No mail to ${address} arrived within ${options.timeout ?? 10_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every message sent to `to` so far (to prove that none was sent). */
export async function mailTo(to: string): Promise<CapturedMail[]> {
  const address = to.trim().toLowerCase();
  return (await allMail()).filter((mail) => mail.to.includes(address));
}

/** The first http(s) link in a message's text. */
export function linkIn(mail: CapturedMail): string {
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`No link in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}
