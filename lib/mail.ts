/**
 * Outgoing mail. With SMTP_URL set, mail goes through nodemailer's SMTP transport.
 * Without it:
 * - in development, each message is printed to the server log and kept in the database
 *   for the development mailbox page (/dev/mailbox);
 * - in production (only with CHORUS_MAIL_LOG_ONLY=1, lib/env.ts refuses otherwise), the
 *   log says who would have been mailed what subject, and nothing more: a message's text
 *   may hold a live sign-in link, which must never be printed or stored.
 */
import 'server-only';
import nodemailer from 'nodemailer';
import { db } from '@/lib/db';
import { env, type Env } from '@/lib/env';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A reply+… address: answering the email adds a reply in Chorus (lib/email-replies). */
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe on digests. */
  headers?: Record<string, string>;
  /** A fixed Message-ID (a digest has one per person and period, so a repeat is recognisable). */
  messageId?: string;
};

let transport: nodemailer.Transporter | undefined;

function smtpTransport(url: string) {
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export async function sendMail(mail: Mail, config: Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'NODE_ENV'> = env()): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = config;
  if (SMTP_URL) {
    await smtpTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    return;
  }
  if (config.NODE_ENV === 'production') {
    console.info(`[mail] Not sent (CHORUS_MAIL_LOG_ONLY): to ${mail.to}, subject "${mail.subject}"`);
    return;
  }
  const replyTo = mail.replyTo ? `
[mail] Reply-To: ${mail.replyTo}` : '';
  console.info(`[mail] To: ${mail.to}${replyTo}
[mail] Subject: ${mail.subject}
${mail.text.replace(/^/gm, '[mail] ')}`);
  await db().devMailMessage.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, replyTo: mail.replyTo } });
}
