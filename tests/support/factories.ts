/**
 * Test data, created through the database with unique values per call, so tests never
 * depend on each other's rows.
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from '@/lib/auth/policy';
import { createApiToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import type { Phase, Role } from '@/lib/generated/prisma/enums';
import { docFromText, textFromDoc } from '@/lib/sections/content';

export const unique = (prefix = 'x') => `${prefix}-${randomBytes(4).toString('hex')}`;

export async function createPerson(role: Role = 'MEMBER', overrides: { name?: string; email?: string } = {}): Promise<Caller> {
  const email = overrides.email ?? `${unique(role.toLowerCase())}@test.chorus`;
  const user = await db().user.create({ data: { email, name: overrides.name ?? `Test ${role.toLowerCase()}`, role } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** A person with a personal API token, for calling route handlers. */
export async function createPersonWithToken(role: Role = 'MEMBER') {
  const person = await createPerson(role);
  const { token } = await createApiToken(person, person.id, { name: 'test' });
  return { person, token };
}

export async function createResponse(options: { phase?: Phase; sections?: string[]; slug?: string; authorId?: string } = {}) {
  const authorId = options.authorId ?? (await createPerson('COORDINATOR')).id;
  const texts = options.sections ?? ['The first section says one thing.', 'The second section says another thing.'];
  const response = await db().response.create({
    data: {
      slug: options.slug ?? unique('response'),
      title: 'Test response',
      consultationName: 'Test consultation',
      phase: options.phase ?? 'OPEN',
      deadline: new Date(Date.now() + 14 * 86_400_000),
    },
  });
  const sections = [];
  for (const [position, text] of texts.entries()) {
    const section = await db().section.create({ data: { responseId: response.id, position, number: String(position + 1), heading: `Section ${position + 1}` } });
    const content = docFromText(text);
    const version = await db().sectionVersion.create({
      data: { sectionId: section.id, content: content as object, text: textFromDoc(content), source: 'IMPORT', authors: { create: [{ userId: authorId }] } },
    });
    await db().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
    sections.push({ ...section, currentVersionId: version.id, text: textFromDoc(content) });
  }
  return { response, sections };
}

/** Calls an App Router route handler the way Next.js does. */
export async function callRoute<P>(
  handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>,
  options: { method?: string; url?: string; token?: string; body?: unknown; params?: P; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const request = new Request(options.url ?? 'http://localhost:3000/api/v1/test', {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const response = await handler(request, { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/** A complete, valid case study body for the API, supporting `sectionIds`. */
export function caseStudyBody(sectionIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    title: unique('Warm homes'),
    organisation: 'Northfield Housing Trust',
    place: 'Northfield',
    summary: 'Volunteers insulated 40 homes; winter hospital admissions fell.',
    evidence: 'Council report, 2024.',
    links: ['https://example.org/report'],
    sectionIds,
    themes: ['housing'],
    contact: { name: 'Dana Contact', email: `${unique('dana')}@example.org`, phone: '+44 20 7946 0000' },
    consent: { quote: true, showToMembers: true, attribution: 'named' },
    ...overrides,
  };
}

/**
 * A case study stored directly in the database with `status` (default SUBMITTED), for
 * tests that need one in a given state without going through the API.
 */
export async function createCaseStudy(options: {
  responseId: string;
  authorId: string;
  sectionIds: string[];
  status?: 'DRAFT' | 'SUBMITTED' | 'CHANGES_REQUESTED' | 'ACCEPTED' | 'FEATURED' | 'DECLINED';
  consentShow?: boolean;
  consentQuote?: boolean;
  attribution?: 'NAMED' | 'ORGANISATION' | 'ANONYMOUS';
  themes?: string[];
  title?: string;
}) {
  const status = options.status ?? 'SUBMITTED';
  return db().caseStudy.create({
    data: {
      responseId: options.responseId,
      authorId: options.authorId,
      title: options.title ?? unique('Case study'),
      organisation: 'Riverside Food Bank',
      place: 'Riverside',
      summary: 'A pantry run by residents halved the queue.',
      links: [],
      themes: options.themes ?? ['food'],
      contactName: 'Casey Contact',
      contactEmail: `${unique('casey')}@example.org`,
      contactPhone: '01234 567890',
      consentQuote: options.consentQuote ?? true,
      consentShow: options.consentShow ?? true,
      attribution: options.attribution ?? 'NAMED',
      status,
      submittedAt: status === 'DRAFT' ? null : new Date(),
      sections: { create: options.sectionIds.map((sectionId) => ({ sectionId })) },
    },
  });
}
