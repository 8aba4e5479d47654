import { describe, expect, it } from 'vitest';
import { GET as listResponsesRoute } from '@/app/api/v1/responses/route';
import { GET as getResponseRoute } from '@/app/api/v1/responses/[slug]/route';
import { GET as getSectionRoute } from '@/app/api/v1/sections/[id]/route';
import { callRoute, createPersonWithToken, createResponse } from '@/tests/support/factories';

describe('[API] responses and sections', () => {
  it('should require authentication', async () => {
    const { status, body } = await callRoute(listResponsesRoute, {});
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthenticated');
  });

  it('refuses a malformed or unknown token with 401', async () => {
    expect((await callRoute(listResponsesRoute, { headers: { authorization: 'Bearer' } })).status).toBe(401);
    expect((await callRoute(listResponsesRoute, { token: 'chorus_not-a-real-token' })).status).toBe(401);
  });

  it('lists responses with their section counts for any member', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const { response } = await createResponse({ sections: ['One.', 'Two.', 'Three.'] });
    const { status, body } = await callRoute(listResponsesRoute, { token });
    expect(status).toBe(200);
    expect(body.responses).toContainEqual({ slug: response.slug, title: 'Test response', phase: 'OPEN', deadline: response.deadline!.toISOString(), sectionCount: 3 });
  });

  it('returns a response with its sections in order, with text, version and live document', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const { response, sections } = await createResponse({ sections: ['Alpha text.', 'Beta text.'] });
    const { status, body } = await callRoute(getResponseRoute, { token, params: { slug: response.slug } });
    expect(status).toBe(200);
    expect(body.response.sections.map((s: { text: string }) => s.text)).toEqual(['Alpha text.', 'Beta text.']);
    expect(body.response.sections[0]).toMatchObject({ id: sections[0].id, number: '1', heading: 'Section 1', versionId: sections[0].currentVersionId });
    expect(body.response.sections[0].collab).toEqual({ url: expect.stringMatching(/^wss?:\/\//), document: `section:${sections[0].id}` });
  });

  it('answers 404 with a JSON error for an unknown slug or section', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const missing = await callRoute(getResponseRoute, { token, params: { slug: 'no-such-response' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('no-such-response') });
    expect((await callRoute(getSectionRoute, { token, params: { id: 'nope' } })).status).toBe(404);
  });

  it('returns one section with its response slug', async () => {
    const { token } = await createPersonWithToken('DRAFTER');
    const { response, sections } = await createResponse();
    const { status, body } = await callRoute(getSectionRoute, { token, params: { id: sections[1].id } });
    expect(status).toBe(200);
    expect(body.section).toMatchObject({ id: sections[1].id, responseSlug: response.slug, text: 'The second section says another thing.' });
  });
});
