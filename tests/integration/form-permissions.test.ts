/**
 * Who may do what with the consultation form and endorsements, role by role, through the
 * API: coordinators manage questions and approve signatories; drafters and members read,
 * and endorse once the response is final. The matrix counts its cases, so an empty run
 * cannot pass.
 */
import { describe, expect, it } from 'vitest';
import { POST as decisionRoute } from '@/app/api/v1/endorsements/[id]/decision/route';
import { DELETE as unmapRoute } from '@/app/api/v1/questions/[id]/answers/[answerId]/route';
import { POST as mapRoute } from '@/app/api/v1/questions/[id]/answers/route';
import { DELETE as removeRoute, GET as getRoute, PATCH as updateRoute } from '@/app/api/v1/questions/[id]/route';
import { POST as endorseRoute } from '@/app/api/v1/responses/[slug]/endorsements/route';
import { GET as formExportRoute } from '@/app/api/v1/responses/[slug]/export/form/route';
import { POST as reorderRoute } from '@/app/api/v1/responses/[slug]/questions/order/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/responses/[slug]/questions/route';
import { addQuestion, mapAnswer } from '@/lib/consultation-form/mutations';
import { db } from '@/lib/db';
import { createEndorsement } from '@/lib/endorsements/mutations';
import type { Role } from '@/lib/generated/prisma/enums';
import { callRoute, createPerson, createPersonWithToken, createResponse, unique } from '@/tests/support/factories';

/** Every question of the form now, last first (earlier cases may have added some). */
async function currentOrderReversed(responseId: string) {
  const rows = await db().consultationQuestion.findMany({ where: { responseId, removedAt: null }, orderBy: { position: 'asc' }, select: { id: true } });
  return rows.map((row) => row.id).reverse();
}

type Case = { name: string; allowed: Role[]; call: (token: string) => Promise<{ status: number }> };

async function fixtures() {
  const owner = await createPerson('COORDINATOR');
  const { response, sections } = await createResponse({ phase: 'FINAL', authorId: owner.id });
  const slug = response.slug;
  const question = await addQuestion(owner, slug, { number: unique('q'), text: 'A question?' });
  const mapping = await mapAnswer(owner, question.id, { sectionId: sections[0].id });
  const endorsement = await createEndorsement(owner, slug, { organisation: unique('Org'), signatoryName: 'Sam', kind: 'endorse' });
  return { slug, responseId: response.id, question, mapping, sections, endorsement };
}

const everyone: Role[] = ['MEMBER', 'DRAFTER', 'COORDINATOR'];
const coordinators: Role[] = ['COORDINATOR'];

function cases(f: Awaited<ReturnType<typeof fixtures>>): Case[] {
  const url = `http://localhost:3000/api/v1/responses/${f.slug}`;
  return [
    { name: 'list questions', allowed: everyone, call: (token) => callRoute(listRoute, { token, params: { slug: f.slug }, url: `${url}/questions` }) },
    { name: 'read a question', allowed: everyone, call: (token) => callRoute(getRoute, { token, params: { id: f.question.id } }) },
    { name: 'export the form as txt', allowed: everyone, call: (token) => callRoute(formExportRoute, { token, params: { slug: f.slug }, url: `${url}/export/form?format=txt` }) },
    { name: 'export the form as docx', allowed: ['DRAFTER', 'COORDINATOR'], call: (token) => callRoute(formExportRoute, { token, params: { slug: f.slug }, url: `${url}/export/form?format=docx` }) },
    { name: 'add a question', allowed: coordinators, call: (token) => callRoute(createRoute, { method: 'POST', token, params: { slug: f.slug }, url: `${url}/questions`, body: { number: unique('n'), text: 'Another?' } }) },
    { name: 'paste a list', allowed: coordinators, call: (token) => callRoute(createRoute, { method: 'POST', token, params: { slug: f.slug }, url: `${url}/questions`, body: { list: `${Math.floor(Math.random() * 1e6) + 1000}. Pasted?` } }) },
    { name: 'change a question', allowed: coordinators, call: (token) => callRoute(updateRoute, { method: 'PATCH', token, params: { id: f.question.id }, body: { wordLimit: 300 } }) },
    { name: 'reorder the questions', allowed: coordinators, call: async (token) => callRoute(reorderRoute, { method: 'POST', token, params: { slug: f.slug }, body: { questionIds: await currentOrderReversed(f.responseId) } }) },
    { name: 'map a section', allowed: coordinators, call: (token) => callRoute(mapRoute, { method: 'POST', token, params: { id: f.question.id }, body: { sectionId: f.sections[1].id } }) },
    { name: 'unmap a section', allowed: coordinators, call: (token) => callRoute(unmapRoute, { method: 'DELETE', token, params: { id: f.question.id, answerId: f.mapping.id } }) },
    { name: 'remove a question', allowed: coordinators, call: (token) => callRoute(removeRoute, { method: 'DELETE', token, params: { id: f.question.id } }) },
    { name: 'endorse', allowed: everyone, call: (token) => callRoute(endorseRoute, { method: 'POST', token, params: { slug: f.slug }, url: `${url}/endorsements`, body: { organisation: unique('Org'), signatoryName: 'Ada', kind: 'endorse' } }) },
    { name: 'approve a signatory', allowed: coordinators, call: (token) => callRoute(decisionRoute, { method: 'POST', token, params: { id: f.endorsement.id }, body: { decision: 'approve' } }) },
  ];
}

describe('[FORM] role × action matrix', () => {
  it('allows each action to exactly the roles the policy names', async () => {
    let ran = 0;
    for (const role of everyone) {
      // Fresh data per role: a coordinator's successful removal must not turn a later 403 into a 404.
      const f = await fixtures();
      const { token } = await createPersonWithToken(role);
      for (const { name, allowed, call } of cases(f)) {
        const { status } = await call(token);
        if (allowed.includes(role)) expect(status, `${role} ${name}`).toBeLessThan(300);
        else expect(status, `${role} ${name}`).toBe(403);
        ran++;
      }
    }
    expect(ran).toBe(3 * 13);
  });
});
