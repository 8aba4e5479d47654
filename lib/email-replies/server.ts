/**
 * Chorus's own SMTP server for replies by email (smtp-server). In production it sits
 * behind the network's real mail exchanger (MX), which relays mail for reply+…@<mail domain>
 * to it; in development `npm run dev` starts it on CHORUS_INBOUND_SMTP_PORT (PORT + 2) so the
 * whole loop can be tried on one machine.
 *
 * Refusals happen inside the SMTP conversation (a 5xx answer with the reason), so the
 * sending mail system bounces the message to its sender and Chorus never sends bounces
 * of its own (no backscatter). Unknown recipients are refused at RCPT TO, oversized mail
 * at MAIL FROM (SIZE) or while it arrives.
 */
import 'server-only';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { MAX_INBOUND_MAIL_BYTES, MailRefusal, receiveReplyMail, type ReceivedReply } from '@/lib/email-replies/receive';
import { tokenFromAddress } from '@/lib/email-replies/tokens';

type Options = { port: number; host?: string; onReceived?: (reply: ReceivedReply) => void };

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** The message, or as much as the size limit allows (the rest is read and dropped). */
async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size <= MAX_INBOUND_MAIL_BYTES) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function createInboundMailServer(options: Options) {
  const server = new SMTPServer({
    name: 'chorus',
    banner: 'Chorus replies by email',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_INBOUND_MAIL_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!tokenFromAddress(address.address)) return callback(smtpError(550, `No such address here: ${address.address}`));
      callback();
    },
    onData(stream, session, callback) {
      void (async () => {
        const raw = await readAll(stream);
        if (stream.sizeExceeded) {
          throw new MailRefusal(552, `Your email is larger than ${MAX_INBOUND_MAIL_BYTES / 1024 / 1024} MB, so it was not added. Send a shorter reply, or add documents on the page.`);
        }
        const reply = await receiveReplyMail({ recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        options.onReceived?.(reply);
        callback(null, 'Thank you: your reply is in Chorus');
      })().catch((error: unknown) => {
        if (error instanceof MailRefusal) return callback(smtpError(error.responseCode, error.message));
        console.error('[mail] could not take in a reply', error);
        callback(smtpError(451, 'Chorus could not take your reply just now; your mail system will try again.'));
      });
    },
  });
  server.on('error', (error) => console.error('[mail] SMTP server error:', error.message));
  return {
    server,
    listen(): Promise<number> {
      return new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(options.port, options.host ?? '0.0.0.0', () => resolve((server.server.address() as { port: number }).port));
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
