/**
 * Outgoing mail. With SMTP_URL set, mail goes through nodemailer's SMTP transport.
 * Without it (development), each message is printed to the server log and kept in the
 * database for the development mailbox page (/dev/mailbox).
 */
import 'server-only';
import nodemailer from 'nodemailer';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

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

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    await smtpTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    return;
  }
  const replyTo = mail.replyTo ? `\n[mail] Reply-To: ${mail.replyTo}` : '';
  console.info(`[mail] To: ${mail.to}${replyTo}\n[mail] Subject: ${mail.subject}\n${mail.text.replace(/^/gm, '[mail] ')}`);
  await db().devMailMessage.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, replyTo: mail.replyTo } });
}
