/**
 * What every /api/v1 answer promises whatever the input: no shared or browser caching,
 * and bad input (NUL characters PostgreSQL cannot store, malformed ids in the address)
 * answered 400 naming the field, never 500.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listCaseStudiesRoute, POST as postCaseStudyRoute } from '@/app/api/v1/responses/[slug]/case-studies/route';
import { GET as listResponsesRoute } from '@/app/api/v1/responses/route';
import { GET as getSectionRoute } from '@/app/api/v1/sections/[id]/route';
import { POST as postCommentRoute } from '@/app/api/v1/sections/[id]/comments/route';
import { GET as exportRoute } from '@/app/api/v1/responses/[slug]/export/route';
import { callRoute, caseStudyBody, createPersonWithToken, createResponse } from '@/tests/support/factories';

const root = path.resolve(import.meta.dirname, '../..');
const apiDir = path.join(root, 'app/api/v1');
const routeFiles = readdirSync(apiDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('route.ts'))
  .sort();
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

describe('[API] Cache-Control: private, no-store on every /api/v1 answer', () => {
  it('on every method of every route file, answering a caller who is not signed in', async () => {
    let answers = 0;
    for (const file of routeFiles) {
      const handlers = (await import(path.join(apiDir, file))) as Record<string, (request: Request, context: { params: Promise<unknown> }) => Promise<Response>>;
      for (const method of METHODS) {
        if (!handlers[method]) continue;
        const { status, headers } = await callRoute(handlers[method], { method, params: { id: 'cabc123', slug: 'some-response' }, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
        expect(status, `${method} ${file}`).toBe(401);
        expect(headers.get('cache-control'), `${method} ${file}`).toBe('private, no-store');
        answers += 1;
      }
    }
    expect(routeFiles.length).toBeGreaterThanOrEqual(30);
    expect(answers).toBeGreaterThanOrEqual(40);
  });

  it('on answers with data, downloads included', async () => {
    const { token } = await createPersonWithToken('COORDINATOR');
    const { response } = await createResponse();
    const list = await callRoute(listResponsesRoute, { token });
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('private, no-store');
    const download = await callRoute(exportRoute, { token, params: { slug: response.slug }, url: `http://localhost:3000/api/v1/responses/${response.slug}/export?format=md` });
    expect(download.status).toBe(200);
    expect(download.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('[API] input PostgreSQL cannot store is refused with 400 naming the field', () => {
  let token: string;
  let slug: string;
  let sectionId: string;
  beforeAll(async () => {
    token = (await createPersonWithToken('MEMBER')).token;
    const { response, sections } = await createResponse({ phase: 'OPEN' });
    slug = response.slug;
    sectionId = sections[0].id;
  });

  it('a NUL character in a JSON string', async () => {
    const comment = await callRoute(postCommentRoute, { method: 'POST', token, params: { id: sectionId }, body: { body: 'Before\u0000after' } });
    expect(comment.status).toBe(400);
    expect(comment.body.error).toMatchObject({ code: 'bad_request', fields: { body: expect.stringContaining('NUL') } });

    const caseStudy = await callRoute(postCaseStudyRoute, { method: 'POST', token, params: { slug }, body: caseStudyBody([sectionId], { contact: { name: 'Dana', email: 'dana@example.org', phone: '0\u00001' } }) });
    expect(caseStudy.status).toBe(400);
    expect(caseStudy.body.error.fields).toEqual({ 'contact.phone': expect.stringContaining('NUL') });
  });

  it('a malformed id or slug in the address', async () => {
    for (const id of ['abc\u0000def', 'a b', '../../etc/passwd', 'x'.repeat(300), "1' or '1'='1"]) {
      const { status, body } = await callRoute(getSectionRoute, { token, params: { id } });
      expect(status, JSON.stringify(id)).toBe(400);
      expect(body.error.fields, JSON.stringify(id)).toEqual({ id: expect.any(String) });
    }
    const badSlug = await callRoute(listCaseStudiesRoute, { token, params: { slug: 'x\u0000' } });
    expect(badSlug.status).toBe(400);
    expect(badSlug.body.error.fields).toEqual({ slug: expect.any(String) });
    // A well-formed id that matches nothing is still simply not found.
    expect((await callRoute(getSectionRoute, { token, params: { id: 'cnothinghere0000' } })).status).toBe(404);
  });

  it('a NUL character in a query parameter reaches the database as 400, not 500', async () => {
    const { status, body } = await callRoute(listCaseStudiesRoute, { token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/case-studies?section=a%00b` });
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
  });
});
