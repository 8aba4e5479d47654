import { describe, expect, it } from 'vitest';
import { creditLine, quotationCredit, quotationParagraph, toCaseStudyDto, type CaseStudyRecord } from '@/lib/case-studies/dto';
import { textFromDoc } from '@/lib/sections/content';

const AUTHOR = { id: 'author', role: 'MEMBER' as const };
const MEMBER = { id: 'someone-else', role: 'MEMBER' as const };
const DRAFTER = { id: 'drafter', role: 'DRAFTER' as const };
const COORDINATOR = { id: 'coordinator', role: 'COORDINATOR' as const };

function record(overrides: Partial<CaseStudyRecord> = {}): CaseStudyRecord {
  const at = new Date('2025-03-01T10:00:00Z');
  return {
    id: 'cs1',
    authorId: 'author',
    title: 'Warm homes',
    organisation: 'Northfield Housing Trust',
    place: 'Northfield',
    summary: 'Volunteers insulated 40 homes.',
    evidence: null,
    links: ['https://example.org'],
    themes: ['housing'],
    contactName: 'Dana Contact',
    contactEmail: 'dana@example.org',
    contactPhone: '+44 20 7946 0000',
    consentQuote: true,
    consentShow: true,
    attribution: 'NAMED',
    status: 'ACCEPTED',
    submittedAt: at,
    createdAt: at,
    updatedAt: at,
    response: { slug: 'r', title: 'Response' },
    author: { id: 'author', name: 'Alice Author' },
    sections: [
      { section: { id: 's2', number: '2', heading: 'Second', position: 1 } },
      { section: { id: 's1', number: '1', heading: 'First', position: 0 } },
    ],
    decisions: [{ id: 'd1', decision: 'request_changes', note: 'Add numbers', createdAt: at, actor: { id: 'coordinator', name: 'Coco' } }],
    quotes: [],
    ...overrides,
  };
}

const PRIVATE_KEYS = ['contact', 'consent', 'submittedBy', 'decisions', 'latestNote', 'quotes', 'createdAt'];

describe('[CASE STUDIES] the one DTO mapper', () => {
  it('gives other members and drafters no contact details, consent, submitter or coordinator notes', () => {
    for (const viewer of [MEMBER, DRAFTER]) {
      const dto = toCaseStudyDto(viewer, record());
      for (const key of PRIVATE_KEYS) expect(dto).not.toHaveProperty(key);
      const json = JSON.stringify(dto);
      for (const secret of ['dana@example.org', '+44 20 7946 0000', 'Alice Author', 'Add numbers']) expect(json).not.toContain(secret);
    }
  });

  it('gives the submitter and coordinators the full record, contact details included', () => {
    for (const viewer of [AUTHOR, COORDINATOR]) {
      const dto = toCaseStudyDto(viewer, record());
      expect(dto.contact).toEqual({ name: 'Dana Contact', email: 'dana@example.org', phone: '+44 20 7946 0000' });
      expect(dto.consent).toEqual({ quote: true, showToMembers: true, attribution: 'named' });
      expect(dto.submittedBy).toEqual({ id: 'author', name: 'Alice Author' });
      expect(dto.latestNote).toBe('Add numbers');
      expect(dto.decisions?.[0]).toMatchObject({ decision: 'request_changes', decidedBy: { id: 'coordinator', name: 'Coco' } });
    }
    expect(toCaseStudyDto(AUTHOR, record()).mine).toBe(true);
    expect(toCaseStudyDto(COORDINATOR, record()).mine).toBe(false);
  });

  it("a coordinator does not see another person's draft in full (drafts are private)", () => {
    const dto = toCaseStudyDto(COORDINATOR, record({ status: 'DRAFT' }));
    expect(dto).not.toHaveProperty('contact');
    expect(toCaseStudyDto(AUTHOR, record({ status: 'DRAFT' })).contact).toBeDefined();
  });

  it('credits as consented: named → name and organisation, organisation → organisation, anonymous → nobody', () => {
    expect(toCaseStudyDto(MEMBER, record()).creditLine).toBe('Dana Contact, Northfield Housing Trust');
    expect(toCaseStudyDto(MEMBER, record({ attribution: 'ORGANISATION' })).creditLine).toBe('Northfield Housing Trust');
    const anonymous = toCaseStudyDto(MEMBER, record({ attribution: 'ANONYMOUS' }));
    expect(anonymous).toMatchObject({ creditLine: null, organisation: null, attribution: 'anonymous' });
    expect(JSON.stringify(anonymous)).not.toContain('Northfield Housing Trust');
    expect(JSON.stringify(anonymous)).not.toContain('Dana');
    // The submitter still sees their organisation on an anonymous case study.
    expect(toCaseStudyDto(AUTHOR, record({ attribution: 'ANONYMOUS' })).organisation).toBe('Northfield Housing Trust');
  });

  it('lists sections in the order of the response and maps statuses to lower case, featured marked', () => {
    const dto = toCaseStudyDto(MEMBER, record({ status: 'FEATURED' }));
    expect(dto.sections.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(dto).toMatchObject({ status: 'featured', featured: true });
    expect(toCaseStudyDto(MEMBER, record({ status: 'CHANGES_REQUESTED' })).status).toBe('changes_requested');
  });

  it('credit lines skip what is empty', () => {
    expect(creditLine({ attribution: 'NAMED', contactName: '', organisation: 'Org' })).toBe('Org');
    expect(creditLine({ attribution: 'NAMED', contactName: '', organisation: '' })).toBeNull();
    expect(quotationCredit({ attribution: 'ANONYMOUS', contactName: 'Dana', organisation: 'Org' })).toBe('a case study submitted anonymously');
  });

  it('a quotation paragraph puts the words in curly quotes, in italics, followed by the credit', () => {
    const block = quotationParagraph('"It worked."', 'Northfield Housing Trust');
    expect(textFromDoc({ type: 'doc', content: [block] })).toBe('“It worked.” — Northfield Housing Trust');
    expect(block.content?.[0].marks).toEqual([{ type: 'italic' }]);
  });
});
