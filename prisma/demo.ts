/**
 * The demo: a network's draft response to a consultation on a covenant between civil
 * society and government, open for comment, with demo people in every role.
 * Loaded by `npm run dev` into an empty database, and by `npm run chorus -- demo`.
 */
import type { PrismaClient } from '../lib/generated/prisma/client';
import { docFromText, textFromDoc } from '../lib/sections/content';

export const demoPeople = [
  { email: 'coordinator@chorus.test', name: 'Cora Okafor', role: 'COORDINATOR' },
  { email: 'drafter@chorus.test', name: 'Dev Patel', role: 'DRAFTER' },
  { email: 'drafter2@chorus.test', name: 'Dana Whitfield', role: 'DRAFTER' },
  { email: 'member@chorus.test', name: 'Mina Haddad', role: 'MEMBER' },
  { email: 'member2@chorus.test', name: 'Marcus Lindqvist', role: 'MEMBER' },
] as const;

export const demoResponseSlug = 'civil-society-covenant';

const sections: { number: string | null; heading: string; text: string }[] = [
  {
    number: null,
    heading: 'Introduction',
    text: `This is the joint response of the Neighbourhood Action Network to the government's consultation on a renewed covenant between civil society and the state. Our members are charities, community groups, faith organisations and public servants who work side by side in every region.

We welcome the intention to set out, in one place, what each side can expect of the other. Our response draws on a survey of our members and on three open meetings held this autumn.`,
  },
  {
    number: '1',
    heading: 'Why a covenant matters now',
    text: `Community organisations carried much of the load in recent emergencies, often before any public body arrived. That work rested on trust built locally, not on contracts.

A covenant can turn that trust into shared expectations: early involvement in decisions, fair funding, and respect for the independence of voluntary groups to speak up for the people they serve.`,
  },
  {
    number: '2',
    heading: 'Principles we support',
    text: `We support the five principles proposed in the consultation and ask that they be written in plain language that small groups can use.

- Independence: organisations may campaign and criticise policy without risk to their funding.
- Early involvement: people affected by a decision are asked before options are closed.
- Fair funding: grants cover the real cost of delivering a service, including overheads.
- Transparency: both sides publish what they have agreed and how it is going.
- Reciprocity: commitments bind government and civil society alike.`,
  },
  {
    number: '3',
    heading: 'Funding that lets groups plan ahead',
    text: `Most of our members receive funding in one-year cycles, announced weeks before the year starts. This makes it hard to keep skilled staff and to plan services with the people who use them.

We recommend multi-year grants of at least three years as the default, with payment in advance and a minimum of twelve weeks' notice of any change. Reporting should be proportionate to the size of the grant.`,
  },
  {
    number: '4',
    heading: 'Involving communities in decisions',
    text: `Consultation often comes too late to change anything. Groups told us they learn of decisions that affect their neighbourhoods through the local press.

We propose that every public body names a lead for civil society relations, that consultations run for at least twelve weeks, and that a summary of responses, with what changed as a result, is published within three months.`,
  },
  {
    number: '5',
    heading: 'Accountability and review',
    text: `A covenant is only as strong as the means of holding each side to it. We suggest an annual report to Parliament, prepared jointly with representatives of civil society, and a simple way for any group to raise a concern when a commitment is not met.

Concerns should receive a written answer within eight weeks, and a pattern of concerns should trigger an independent review.`,
  },
  {
    number: '6',
    heading: 'Making it work locally',
    text: `National commitments need local counterparts. Many areas already have compacts between councils and voluntary groups; the covenant should build on these rather than replace them.

Local agreements should be refreshed every three years, involve smaller and informal groups as well as larger charities, and be easy to find online.`,
  },
  {
    number: '7',
    heading: 'Conclusion',
    text: `Our members want a covenant that changes practice, not another statement of good intentions. With multi-year funding, early involvement and a real route to accountability, it can help communities and government do more together than either can alone.

We would welcome the chance to discuss this response and to help test the covenant with groups in our network.`,
  },
];

/** Loads the demo into an empty database. Refuses (returns false) if any response exists. */
export async function loadDemo(prisma: PrismaClient): Promise<boolean> {
  if (await prisma.response.count()) return false;
  // One transaction, so a failed load leaves nothing behind. Prisma's default 5-second limit
  // is too short on a busy machine: the transaction was then cut off half-way through.
  await prisma.$transaction(async (tx) => {
    const people: Record<string, string> = {};
    for (const person of demoPeople) {
      const user = await tx.user.upsert({
        where: { email: person.email },
        update: {},
        create: { email: person.email, name: person.name, role: person.role, emailVerified: new Date() },
      });
      people[person.role] ??= user.id;
    }
    const deadline = new Date();
    deadline.setUTCDate(deadline.getUTCDate() + 28);
    deadline.setUTCHours(17, 0, 0, 0);
    const response = await tx.response.create({
      data: {
        slug: demoResponseSlug,
        title: 'Response to the consultation on a Civil Society Covenant',
        consultationName: 'A Covenant between Civil Society and Government',
        consultationUrl: 'https://consultations.example.gov/civil-society-covenant',
        deadline,
        phase: 'OPEN',
      },
    });
    await tx.phaseChange.create({ data: { responseId: response.id, from: 'DRAFTING', to: 'OPEN', deadline, actorId: people.COORDINATOR } });
    for (const [position, section] of sections.entries()) {
      const created = await tx.section.create({
        data: { responseId: response.id, position, number: section.number, heading: section.heading },
      });
      const content = docFromText(section.text);
      const version = await tx.sectionVersion.create({
        data: {
          sectionId: created.id,
          content: content as object,
          text: textFromDoc(content),
          source: 'IMPORT',
          authors: { create: [{ userId: people.COORDINATOR }] },
        },
      });
      await tx.section.update({ where: { id: created.id }, data: { currentVersionId: version.id } });
    }
    await tx.auditEvent.create({ data: { actorId: null, action: 'demo.load', targetType: 'response', targetId: response.id } });
  }, { timeout: 60_000, maxWait: 30_000 });
  return true;
}
