/**
 * Replies by email, end to end over real SMTP: nodemailer sends to Chorus's own SMTP server
 * (lib/email-replies/server.ts), which turns a reply into a comment as its author, or
 * refuses it inside the SMTP conversation (the sender's mail system bounces it) and
 * stores nothing.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/lib/db/embedded';
import { db } from '@/lib/db';
import { createComment } from '@/lib/comments/mutations';
import { createInboundMailServer } from '@/lib/email-replies/server';
import { createReplyAddress } from '@/lib/email-replies/tokens';
import { removePerson } from '@/lib/people/mutations';
import { createPerson, createResponse } from '@/tests/support/factories';

let port: number;
let server: ReturnType<typeof createInboundMailServer>;
let transport: nodemailer.Transporter;

beforeAll(async () => {
  port = await freePort();
  server = createInboundMailServer({ port, host: '127.0.0.1' });
  await server.listen();
  transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
});

afterAll(async () => {
  transport?.close();
  await server?.close();
});

async function send(mail: nodemailer.SendMailOptions) {
  return transport.sendMail({ subject: 'Re: a reply to your comment', ...mail });
}

/** What the sender's mail system would put in the bounce: the server's answer. */
async function refusal(mail: nodemailer.SendMailOptions): Promise<string> {
  const error = (await send(mail).then(() => null, (caught: unknown) => caught)) as { response?: string; responseCode?: number } | null;
  expect(error, 'the mail should have been refused').not.toBeNull();
  return error!.response ?? `${error!.responseCode}`;
}

async function thread() {
  const { response, sections } = await createResponse({ sections: ['Councils should publish what they spend on local groups.'] });
  const [ann, bea] = [await createPerson('MEMBER', { name: 'Ann Member' }), await createPerson('MEMBER', { name: 'Bea Member' })];
  const { comment } = await createComment(ann, sections[0].id, { body: 'Which councils already do this?' });
  return { response, section: sections[0], ann, bea, threadId: comment.id };
}

const commentsIn = (sectionId: string) => db().comment.count({ where: { sectionId } });

describe('[MAIL] replies by email', () => {
  it('[MAIL] a reply sent to the address in a notification joins the thread as its author, without the quoted mail or the signature', async () => {
    const { section, ann, bea, threadId } = await thread();
    // Bea replies on the page; Ann is notified by email with a reply address.
    await createComment(bea, section.id, { body: 'Leeds and Bristol publish theirs.', parentId: threadId });
    const notice = await db().devMailMessage.findFirstOrThrow({ where: { to: ann.email }, orderBy: { createdAt: 'desc' } });
    expect(notice.replyTo).toMatch(/^reply\+[0-9a-f]{32}@localhost$/);
    expect(notice.text).toContain('Reply to this email to answer in Chorus');

    await send({
      from: `Ann Member <${ann.email}>`,
      to: notice.replyTo!,
      text: 'Thanks, Sheffield does too since last year.\n\nOn Tue, 1 Dec 2026 at 09:12, Chorus <chorus@localhost> wrote:\n> Bea Member replied in a thread\n> Leeds and Bristol publish theirs.\n\n-- \nAnn Member\nNorthern Community Trust\n',
    });
    const replies = await db().comment.findMany({ where: { parentId: threadId }, orderBy: { createdAt: 'asc' }, select: { authorId: true, body: true } });
    expect(replies.at(-1)).toEqual({ authorId: ann.id, body: 'Thanks, Sheffield does too since last year.' });
    const audit = await db().auditEvent.count({ where: { actorId: ann.id, action: 'comment.reply' } });
    expect(audit).toBe(1);
  });

  it('[MAIL] the same message delivered twice adds one reply', async () => {
    const { section, bea, threadId } = await thread();
    const to = await createReplyAddress(db(), { userId: bea.id, sectionId: section.id, threadId });
    const mail = { from: bea.email, to, text: 'Once only.', messageId: '<once-only@mail.example>' };
    await send(mail);
    await send(mail);
    expect(await db().comment.count({ where: { parentId: threadId, body: 'Once only.' } })).toBe(1);
  });

  it('[MAIL] a reply address for a section (no thread) adds a comment on the section; a document attached becomes a case study draft', async () => {
    const { section, bea } = await thread();
    const to = await createReplyAddress(db(), { userId: bea.id, sectionId: section.id, threadId: null });
    await send({
      from: bea.email,
      to,
      subject: 'Re: Our pantry project',
      text: 'Our food pantry is a good example for this section.',
      attachments: [{ filename: 'pantry.txt', content: 'The Eastside pantry feeds 200 families a week with a council grant of £12,000.' }],
    });
    const comment = await db().comment.findFirstOrThrow({ where: { sectionId: section.id, authorId: bea.id }, select: { parentId: true, body: true } });
    expect(comment).toEqual({ parentId: null, body: 'Our food pantry is a good example for this section.' });
    const draft = await db().caseStudy.findFirstOrThrow({ where: { authorId: bea.id }, select: { status: true, title: true, summary: true } });
    expect(draft).toMatchObject({ status: 'DRAFT', title: 'Our pantry project' });
    expect(draft.summary).toContain('200 families');
  });

  it('[MAIL] every refusal bounces with a clear reason and stores nothing', async () => {
    const { response, section, ann, bea, threadId } = await thread();
    const before = await commentsIn(section.id);
    const valid = await createReplyAddress(db(), { userId: bea.id, sectionId: section.id, threadId });
    const cases: [string, nodemailer.SendMailOptions, RegExp][] = [
      ['an unknown token', { from: bea.email, to: `reply+${'0'.repeat(32)}@localhost`, text: 'Hello' }, /^550 .*not known to Chorus/],
      ['an address that is not a reply address', { from: bea.email, to: 'coordinator@localhost', text: 'Hello' }, /^550 .*No such address/],
      ['a sender who is not the token’s person', { from: ann.email, to: valid, text: 'Pretending to be Bea' }, /^550 .*belongs to someone else/],
      ['a reply with nothing but the quoted mail', { from: bea.email, to: valid, text: 'On Tue, Chorus wrote:\n> Which councils already do this?\n' }, /^550 .*empty/],
      ['an oversized mail', { from: bea.email, to: valid, text: 'x'.repeat(11 * 1024 * 1024) }, /^552 /],
    ];
    const expired = await createReplyAddress(db(), { userId: bea.id, sectionId: section.id, threadId }, new Date(Date.now() - 61 * 24 * 3600_000));
    cases.push(['an expired token', { from: bea.email, to: expired, text: 'Late reply' }, /^550 .*expired on/]);
    for (const [what, mail, expected] of cases) expect(await refusal(mail), what).toMatch(expected);
    expect(cases).toHaveLength(6);

    // Closed for comments: the response moved on.
    await db().response.update({ where: { id: response.id }, data: { phase: 'CLOSED' } });
    expect(await refusal({ from: bea.email, to: valid, text: 'After the deadline' })).toMatch(/^550 Chorus could not add your reply: .*closed/i);
    await db().response.update({ where: { id: response.id }, data: { phase: 'OPEN' } });

    // A removed person: their addresses are withdrawn.
    const coordinator = await createPerson('COORDINATOR');
    await removePerson(coordinator, { userId: bea.id });
    expect(await refusal({ from: bea.email, to: valid, text: 'Still here?' })).toMatch(/^550 .*withdrawn/);

    expect(await commentsIn(section.id)).toBe(before);
    expect(await db().caseStudy.count({ where: { authorId: bea.id } })).toBe(0);
  });
});
