/**
 * Replies by email: a message sent to a reply address becomes a reply in that thread (or
 * a comment on that section) as the person the address belongs to, through the same
 * domain function as the web page (createComment), so roles, phases, rate limits and the
 * audit log hold for mail too. Quoted text and signatures are stripped
 * (email-reply-parser); document attachments become a case study draft for the sender.
 *
 * Anything that cannot be accepted is refused with a MailRefusal whose message the SMTP
 * server returns to the sending mail system, which bounces it to the sender: the person
 * learns why, and nothing is stored.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import EmailReplyParser from 'email-reply-parser';
import { simpleParser, type Attachment } from 'mailparser';
import mammoth from 'mammoth';
import type { Caller } from '@/lib/auth/policy';
import { createCaseStudy } from '@/lib/case-studies/mutations';
import { MAX_SUMMARY_CHARACTERS } from '@/lib/case-studies/schemas';
import { createComment } from '@/lib/comments/mutations';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { findReplyToken, tokenFromAddress } from '@/lib/email-replies/tokens';
import { formatDate } from '@/lib/format';

/** Mail larger than this is refused before it is read. */
export const MAX_INBOUND_MAIL_BYTES = 10 * 1024 * 1024;
/** Attachments larger than this are not turned into case study drafts. */
const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** A reason to refuse a message, returned to the sending mail system (and so to the sender). */
export class MailRefusal extends Error {
  constructor(readonly responseCode: number, message: string) {
    super(message);
  }
}

export type InboundMail = { recipients: string[]; raw: Buffer };
export type ReceivedReply = { commentId: string; sectionId: string; threadId: string | null; userId: string; caseStudyIds: string[] };

const DOCUMENT_TYPES: Record<string, 'text' | 'docx'> = {
  'text/plain': 'text',
  'text/markdown': 'text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** The reply's own words: quoted mail, signatures and reply headers ("On … wrote:") removed. */
export function visibleReplyText(text: string): string {
  return new EmailReplyParser().read(text.replace(/\r\n?/g, '\n')).getVisibleText().trim();
}

async function attachmentText(attachment: Attachment): Promise<string | null> {
  const kind = DOCUMENT_TYPES[attachment.contentType.toLowerCase()] ?? (/\.(txt|md)$/i.test(attachment.filename ?? '') ? 'text' : /\.docx$/i.test(attachment.filename ?? '') ? 'docx' : null);
  if (!kind || attachment.size > MAX_ATTACHMENT_BYTES) return null;
  try {
    const text = kind === 'docx' ? (await mammoth.extractRawText({ buffer: attachment.content })).value : attachment.content.toString('utf8');
    return text.trim() || null;
  } catch {
    return null;
  }
}

function refusalFor(error: AppError): MailRefusal {
  if (error.code === 'rate_limited') return new MailRefusal(451, `${error.message} Your email was not added; send it again later.`);
  return new MailRefusal(550, `Chorus could not add your reply: ${error.message}`);
}

/** Turns one inbound message into a reply; throws MailRefusal for anything it cannot accept. */
export async function receiveReplyMail(mail: InboundMail): Promise<ReceivedReply> {
  const token = mail.recipients.map(tokenFromAddress).find((value): value is string => value !== null);
  if (!token) throw new MailRefusal(550, 'No such address here: replies go to the reply+… address of the Chorus email you are answering.');
  const record = await findReplyToken(token);
  if (!record) throw new MailRefusal(550, 'This reply address is not known to Chorus. Reply to a recent Chorus email, or comment on the page.');
  if (record.revokedAt) throw new MailRefusal(550, 'This reply address has been withdrawn. Comment on the page in Chorus instead.');
  if (record.expiresAt.getTime() < Date.now()) {
    throw new MailRefusal(550, `This reply address expired on ${formatDate(record.expiresAt)}. Reply to a more recent Chorus email, or comment on the page.`);
  }
  const person = await db().user.findUnique({ where: { id: record.userId }, select: { id: true, email: true, name: true, role: true, removedAt: true } });
  if (!person || person.removedAt) throw new MailRefusal(550, 'You are no longer a member of this network in Chorus, so your reply was not added.');

  const parsed = await simpleParser(mail.raw);
  const from = parsed.from?.value.find((entry) => entry.address)?.address?.toLowerCase();
  if (from !== person.email.toLowerCase()) {
    throw new MailRefusal(550, 'This reply address belongs to someone else: send your reply from the address the Chorus email was sent to.');
  }
  const body = visibleReplyText(parsed.text ?? '');
  const documents: { name: string; text: string }[] = [];
  for (const attachment of parsed.attachments) {
    const text = await attachmentText(attachment);
    if (text) documents.push({ name: attachment.filename ?? 'Attached document', text });
  }
  if (!body && !documents.length) throw new MailRefusal(550, 'Your reply was empty once the quoted email was taken out, so nothing was added.');

  const caller: Caller = { id: person.id, email: person.email, name: person.name, role: person.role };
  // The same message delivered twice (a retrying mail system) adds one comment.
  const messageKey = createHash('sha256').update(parsed.messageId ?? mail.raw).digest('hex').slice(0, 40);
  try {
    const created = await createComment(caller, record.sectionId, {
      body: body || `Sent by email with ${documents.length === 1 ? 'a document' : `${documents.length} documents`}: ${documents.map((d) => d.name).join(', ')} (saved as a case study draft).`,
      ...(record.threadId ? { parentId: record.threadId } : {}),
      clientKey: `mail-${messageKey}`,
    });
    const caseStudyIds: string[] = [];
    if (documents.length) {
      const section = await db().section.findUniqueOrThrow({ where: { id: record.sectionId }, select: { response: { select: { slug: true } } } });
      for (const [index, document] of documents.entries()) {
        try {
          const { caseStudy } = await createCaseStudy(
            caller,
            section.response.slug,
            { draft: true, title: (parsed.subject?.replace(/^(re|aw|sv|fwd?):\s*/i, '') || document.name).slice(0, 200), summary: document.text.slice(0, MAX_SUMMARY_CHARACTERS), sectionIds: [record.sectionId] },
            { idempotencyKey: `mail-${messageKey}-${index}` },
          );
          caseStudyIds.push(caseStudy.id);
        } catch (error) {
          // The reply itself is in; a draft that cannot be made (case studies closed) is left out.
          if (!(error instanceof AppError)) throw error;
          console.warn(`[mail] a document sent by email was not saved as a case study draft: ${error.message}`);
        }
      }
    }
    return { commentId: created.comment.id, sectionId: record.sectionId, threadId: record.threadId, userId: person.id, caseStudyIds };
  } catch (error) {
    if (error instanceof AppError) throw refusalFor(error);
    throw error;
  }
}
