/**
 * Generated data for the benchmark, loaded in bulk (a few multi-row INSERT ... SELECT
 * FROM unnest(...) statements per table), not one Prisma call per row.
 *
 * The data is deterministic (seeded pseudo-random numbers), so runs are comparable:
 *   - people: coordinators, drafters (the co-editors), members, each with a personal API
 *     token, stored the way Chorus stores them (SHA-256 hash, prefix);
 *   - "bench-export": 50 sections × 20 versions, 10,000 comments (a fifth of them replies),
 *     2,000 suggestions, 500 case studies, agreements and dispositions (scenario 3);
 *   - "bench-page": a section with 1,000 anchored comments and 100 suggestions (scenario 2);
 *   - "bench-comments": the section comments are posted to (scenario 1);
 *   - "bench-collab", "bench-versions": fresh sections for co-editing and replays.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { docFromText, textFromDoc } from '../../../lib/sections/content';

export type Sizes = {
  members: number;
  drafters: number;
  exportSections: number;
  versionsPerSection: number;
  exportComments: number;
  exportSuggestions: number;
  caseStudies: number;
  pageComments: number;
  pageSuggestions: number;
  collabSections: number;
  versionSections: number;
};

export const fullSizes: Sizes = {
  members: 3000,
  drafters: 110,
  exportSections: 50,
  versionsPerSection: 20,
  exportComments: 10_000,
  exportSuggestions: 2_000,
  caseStudies: 500,
  pageComments: 1_000,
  pageSuggestions: 100,
  collabSections: 20,
  versionSections: 51,
};

export const quickSizes: Sizes = {
  members: 800,
  drafters: 20,
  exportSections: 10,
  versionsPerSection: 5,
  exportComments: 1_000,
  exportSuggestions: 200,
  caseStudies: 50,
  pageComments: 200,
  pageSuggestions: 20,
  collabSections: 6,
  versionSections: 6,
};

export type Person = { id: string; name: string; token: string };
export type BenchData = {
  sizes: Sizes;
  coordinator: Person;
  drafters: Person[];
  members: Person[];
  /** Session tokens (cookie values) for signed-in page views. */
  sessions: { member: string; drafter: string; coordinator: string };
  export: {
    slug: string;
    responseId: string;
    sectionIds: string[];
    counts: { sections: number; versions: number; comments: number; replies: number; suggestions: number; caseStudies: number; agreements: number; dispositions: number };
    /** Every section's heading and current text, to check exports for completeness. */
    sections: { heading: string; number: string; text: string }[];
  };
  page: { slug: string; sectionId: string; comments: number; suggestions: number; marker: string };
  comments: { slug: string; sectionId: string; anchor: Anchor; text: string };
  collab: { slug: string; sectionIds: string[] };
  versions: { slug: string; sectionIds: string[] };
};

export type Anchor = { exact: string; prefix: string; suffix: string; start: number; end: number };

// ------------------------------------------------------------------ generators

/** mulberry32: a tiny seeded generator, so every run gets the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

const WORDS = (
  'community groups charities volunteers services funding local councils people support housing health care ' +
  'young older families access transport rural urban evidence outcomes partnership networks training skills ' +
  'delivery capacity resilience trust commissioning grants reporting burden barriers inclusion digital advice ' +
  'wellbeing neighbourhood isolation poverty employment carers disabled accessible commitment long-term ' +
  'sustainable investment infrastructure consultation government department proposal strategy framework'
).split(' ');

let idCounter = 0;
/** A cuid-shaped id ("c" + 24 characters), unique within the run. */
export function newId(): string {
  idCounter++;
  return `c${randomBytes(8).toString('hex')}${idCounter.toString(36).padStart(8, '0')}`;
}

function sentence(rng: ReturnType<typeof random>, words = 12 + rng.int(14)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.pick(WORDS));
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function paragraphText(rng: ReturnType<typeof random>, sentences = 3 + rng.int(3)): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(' ');
}

/** Plain text with paragraphs and one bulleted list (docFromText's input format). */
function sectionText(rng: ReturnType<typeof random>, paragraphs: number): string {
  const blocks = Array.from({ length: paragraphs }, () => paragraphText(rng));
  const list = Array.from({ length: 3 }, () => `- ${sentence(rng, 6 + rng.int(6))}`).join('\n');
  blocks.splice(Math.min(2, blocks.length), 0, list);
  return blocks.join('\n\n');
}

/** An anchor on a few whole words of `text` (offsets into textFromDoc's text). */
function anchorIn(text: string, rng: ReturnType<typeof random>): Anchor {
  const words = [...text.matchAll(/[A-Za-z-]+/g)];
  const first = rng.int(Math.max(1, words.length - 6));
  const last = Math.min(words.length - 1, first + 1 + rng.int(5));
  const start = words[first].index!;
  const end = words[last].index! + words[last][0].length;
  return { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), start, end };
}

function tokenFor(): { token: string; hash: string; prefix: string } {
  const token = 'chorus_' + randomBytes(32).toString('base64url');
  return { token, hash: createHash('sha256').update(token).digest('hex'), prefix: token.slice(0, 13) };
}

// ------------------------------------------------------------------ bulk insert

type Column = { name: string; type: string };

/** Inserts rows with one `INSERT ... SELECT FROM unnest(...)` per batch. */
async function insertRows(client: pg.PoolClient, table: string, columns: Column[], rows: unknown[][], batch = 2000) {
  for (let offset = 0; offset < rows.length; offset += batch) {
    const slice = rows.slice(offset, offset + batch);
    const arrays = columns.map((_, i) => slice.map((row) => row[i] ?? null));
    const select = columns.map((column, i) => {
      // text[] columns travel as JSON arrays: unnest would flatten a two-dimensional array.
      if (column.type === 'text[]') return `coalesce(array(select jsonb_array_elements_text(c${i}::jsonb)), '{}')`;
      return `c${i}`;
    });
    const sources = columns.map((column, i) => `$${i + 1}::${column.type === 'text[]' ? 'text' : column.type}[]`);
    await client.query(
      `insert into "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')})
       select ${select.join(', ')} from unnest(${sources.join(', ')}) as t(${columns.map((_, i) => `c${i}`).join(', ')})`,
      arrays,
    );
  }
}

const col = (name: string, type = 'text'): Column => ({ name, type });
const TS = 'timestamp(3)';

// ------------------------------------------------------------------ the load

export async function seed(pool: pg.Pool, sizes: Sizes): Promise<BenchData> {
  const rng = random(20_261_125);
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
  const client = await pool.connect();
  try {
    await client.query('begin');

    // ---------------------------------------------------------------- people
    const people: { id: string; email: string; name: string; role: string; token: ReturnType<typeof tokenFor> }[] = [];
    const addPerson = (role: string, label: string, index: number) => {
      const person = { id: newId(), email: `${label}${String(index).padStart(4, '0')}@bench.chorus.test`, name: `${label[0].toUpperCase()}${label.slice(1)} ${index}`, role, token: tokenFor() };
      people.push(person);
      return person;
    };
    const coordinator = addPerson('COORDINATOR', 'coordinator', 1);
    const drafters = Array.from({ length: sizes.drafters }, (_, i) => addPerson('DRAFTER', 'drafter', i + 1));
    const members = Array.from({ length: sizes.members }, (_, i) => addPerson('MEMBER', 'member', i + 1));
    await insertRows(client, 'User', [col('id'), col('email'), col('name'), col('role', '"Role"'), col('emailVerified', TS), col('invitedAt', TS), col('createdAt', TS)],
      people.map((p) => [p.id, p.email, p.name, p.role, daysAgo(60), daysAgo(60), daysAgo(60)]));
    await insertRows(client, 'ApiToken', [col('id'), col('userId'), col('name'), col('tokenHash'), col('prefix'), col('createdAt', TS)],
      people.map((p) => [newId(), p.id, 'benchmark', p.token.hash, p.token.prefix, daysAgo(30)]));
    const sessions = { member: randomBytes(32).toString('hex'), drafter: randomBytes(32).toString('hex'), coordinator: randomBytes(32).toString('hex') };
    const expires = new Date(now + 30 * 86_400_000).toISOString();
    await insertRows(client, 'Session', [col('id'), col('sessionToken'), col('userId'), col('expires', TS)], [
      [newId(), sessions.member, members[0].id, expires],
      [newId(), sessions.drafter, drafters[0].id, expires],
      [newId(), sessions.coordinator, coordinator.id, expires],
    ]);
    const authors = [...members, ...drafters];

    // ---------------------------------------------------------------- responses and sections
    const responses: unknown[][] = [];
    const phaseChanges: unknown[][] = [];
    const sections: unknown[][] = [];
    const versions: unknown[][] = [];
    const versionAuthors: unknown[][] = [];
    const currentVersion = new Map<string, { id: string; text: string }>();

    const addResponse = (slug: string, title: string) => {
      const id = newId();
      responses.push([id, slug, title, 'Consultation on the future of community services', 'OPEN', daysAgo(-14), daysAgo(45), daysAgo(1)]);
      phaseChanges.push([newId(), id, 'DRAFTING', 'OPEN', daysAgo(-14), coordinator.id, daysAgo(20)]);
      return id;
    };
    const addSection = (responseId: string, position: number, heading: string, texts: string[]) => {
      const id = newId();
      sections.push([id, responseId, position, String(position + 1), heading, daysAgo(45), daysAgo(1)]);
      texts.forEach((text, i) => {
        const content = docFromText(text);
        const versionId = newId();
        versions.push([versionId, id, JSON.stringify(content), textFromDoc(content), i === 0 ? 'IMPORT' : 'EDIT', daysAgo(40 - (i * 39) / Math.max(1, texts.length))]);
        versionAuthors.push([versionId, i === 0 ? coordinator.id : drafters[(i + position) % drafters.length].id]);
        if (i === texts.length - 1) currentVersion.set(id, { id: versionId, text: textFromDoc(content) });
      });
      return id;
    };
    /** Versions of a section: each one edits one paragraph of the previous one. */
    const evolvingTexts = (paragraphs: number, count: number) => {
      const blocks = sectionText(rng, paragraphs).split('\n\n');
      return Array.from({ length: count }, (_, i) => {
        if (i > 0) {
          const target = rng.int(blocks.length);
          if (!blocks[target].startsWith('- ')) blocks[target] = `${blocks[target]} ${sentence(rng)}`;
        }
        return blocks.join('\n\n');
      });
    };

    const exportResponseId = addResponse('bench-export', 'Benchmark: the whole response');
    const exportSectionIds = Array.from({ length: sizes.exportSections }, (_, i) =>
      addSection(exportResponseId, i, `Section heading ${i + 1}: ${sentence(rng, 4).slice(0, -1)}`, evolvingTexts(5 + rng.int(3), sizes.versionsPerSection)));
    const pageResponseId = addResponse('bench-page', 'Benchmark: a busy section');
    const pageSectionIds = [0, 1, 2].map((i) => addSection(pageResponseId, i, `Busy section ${i + 1}`, [sectionText(rng, i === 1 ? 60 : 4)]));
    const commentsResponseId = addResponse('bench-comments', 'Benchmark: posting comments');
    const commentsSectionId = addSection(commentsResponseId, 0, 'Where comments are posted', [sectionText(rng, 3)]);
    const collabResponseId = addResponse('bench-collab', 'Benchmark: co-editing');
    const collabSectionIds = Array.from({ length: sizes.collabSections }, (_, i) => addSection(collabResponseId, i, `Co-edited section ${i + 1}`, [sectionText(rng, 2)]));
    const versionsResponseId = addResponse('bench-versions', 'Benchmark: keeping every version');
    const versionSectionIds = Array.from({ length: sizes.versionSections }, (_, i) => addSection(versionsResponseId, i, `Replayed section ${i + 1}`, [paragraphText(rng, 2)]));

    await insertRows(client, 'Response', [col('id'), col('slug'), col('title'), col('consultationName'), col('phase', '"Phase"'), col('deadline', TS), col('createdAt', TS), col('updatedAt', TS)], responses);
    await insertRows(client, 'PhaseChange', [col('id'), col('responseId'), col('from', '"Phase"'), col('to', '"Phase"'), col('deadline', TS), col('actorId'), col('createdAt', TS)], phaseChanges);
    await insertRows(client, 'Section', [col('id'), col('responseId'), col('position', 'int'), col('number'), col('heading'), col('createdAt', TS), col('updatedAt', TS)], sections);
    await insertRows(client, 'SectionVersion', [col('id'), col('sectionId'), col('content', 'jsonb'), col('text'), col('source', '"VersionSource"'), col('createdAt', TS)], versions, 500);
    await insertRows(client, 'SectionVersionAuthor', [col('versionId'), col('userId')], versionAuthors);
    await client.query(`update "Section" s set "currentVersionId" = v.id from unnest($1::text[], $2::text[]) as v(section, id) where s.id = v.section`,
      [[...currentVersion.keys()], [...currentVersion.values()].map((v) => v.id)]);

    // ---------------------------------------------------------------- feedback
    const comments: unknown[][] = [];
    const suggestions: unknown[][] = [];
    const agreements: unknown[][] = [];
    const dispositions: unknown[][] = [];
    const agreed = new Set<string>();
    let replies = 0;
    const addFeedback = (sectionId: string, count: number, suggestionCount: number, options: { replyShare: number; marker?: string; wholeSectionShare: number; resolvedShare: number; agreements: number; dispositions: boolean }) => {
      const { id: versionId, text } = currentVersion.get(sectionId)!;
      const threads: string[] = [];
      for (let i = 0; i < count; i++) {
        const id = newId();
        const author = authors[rng.int(authors.length)];
        const isReply = threads.length > 0 && rng.next() < options.replyShare;
        const parentId = isReply ? threads[rng.int(threads.length)] : null;
        const anchor = isReply || rng.next() < options.wholeSectionShare ? null : anchorIn(text, rng);
        const body = `${options.marker ? `${options.marker}-${String(i + 1).padStart(4, '0')} ` : ''}${paragraphText(rng, 1 + rng.int(3))}`;
        const resolved = !isReply && rng.next() < options.resolvedShare;
        comments.push([id, sectionId, author.id, parentId, body, anchor ? JSON.stringify(anchor) : null, resolved ? 'RESOLVED' : 'OPEN', resolved ? coordinator.id : null, resolved ? daysAgo(2) : null, daysAgo(10 - (i * 9) / count)]);
        if (isReply) replies++;
        else threads.push(id);
        for (let a = 0; a < options.agreements; a++) {
          const who = authors[rng.int(authors.length)];
          const key = `${who.id}:${id}`;
          if (agreed.has(key) || who.id === author.id) continue;
          agreed.add(key);
          agreements.push([newId(), who.id, id, null, daysAgo(3)]);
        }
        if (options.dispositions && !isReply && rng.next() < 0.1) {
          dispositions.push([newId(), sectionId, id, null, rng.pick(['INCORPORATED', 'PARTLY_INCORPORATED', 'NOTED', 'NOT_TAKEN_FORWARD']), sentence(rng, 8), coordinator.id, daysAgo(1), daysAgo(1)]);
        }
      }
      for (let i = 0; i < suggestionCount; i++) {
        const id = newId();
        const author = authors[rng.int(authors.length)];
        const declined = rng.next() < 0.1;
        suggestions.push([id, sectionId, author.id, JSON.stringify(anchorIn(text, rng)), sentence(rng, 3 + rng.int(6)).slice(0, -1), rng.next() < 0.6 ? sentence(rng, 10) : null,
          declined ? 'DECLINED' : 'OPEN', versionId, declined ? drafters[0].id : null, declined ? daysAgo(1) : null, declined ? sentence(rng, 8) : null, daysAgo(9 - (i * 8) / suggestionCount)]);
        if (rng.next() < 0.5) {
          const who = authors[rng.int(authors.length)];
          const key = `${who.id}:${id}`;
          if (!agreed.has(key) && who.id !== author.id) {
            agreed.add(key);
            agreements.push([newId(), who.id, null, id, daysAgo(3)]);
          }
        }
      }
    };
    const perSection = (total: number, index: number, sectionCount: number) => Math.floor(total / sectionCount) + (index < total % sectionCount ? 1 : 0);
    exportSectionIds.forEach((sectionId, i) =>
      addFeedback(sectionId, perSection(sizes.exportComments, i, exportSectionIds.length), perSection(sizes.exportSuggestions, i, exportSectionIds.length), { replyShare: 0.2, wholeSectionShare: 0.2, resolvedShare: 0.1, agreements: 1, dispositions: true }));
    const exportComments = comments.length;
    const exportReplies = replies;
    const exportSuggestions = suggestions.length;
    const exportAgreements = agreements.length;
    const exportDispositions = dispositions.length;
    // The busy page: every comment an open thread on a passage (1,000 highlighted passages, all
    // shown by the default "open" filter), each body marked so the browser check can count them.
    addFeedback(pageSectionIds[1], sizes.pageComments, sizes.pageSuggestions, { replyShare: 0, wholeSectionShare: 0, resolvedShare: 0, marker: 'bench-c', agreements: 0, dispositions: false });

    await insertRows(client, 'Comment', [col('id'), col('sectionId'), col('authorId'), col('parentId'), col('body'), col('anchor', 'jsonb'), col('status', '"ThreadStatus"'), col('resolvedById'), col('resolvedAt', TS), col('createdAt', TS)], comments);
    await insertRows(client, 'Suggestion', [col('id'), col('sectionId'), col('authorId'), col('anchor', 'jsonb'), col('replacement'), col('reason'), col('status', '"SuggestionStatus"'), col('baseVersionId'), col('decidedById'), col('decidedAt', TS), col('declineReason'), col('createdAt', TS)], suggestions);
    await insertRows(client, 'Agreement', [col('id'), col('userId'), col('commentId'), col('suggestionId'), col('createdAt', TS)], agreements);
    await insertRows(client, 'Disposition', [col('id'), col('sectionId'), col('commentId'), col('suggestionId'), col('kind', '"DispositionKind"'), col('reply'), col('actorId'), col('createdAt', TS), col('updatedAt', TS)], dispositions);

    // ---------------------------------------------------------------- case studies
    const caseStudies: unknown[][] = [];
    const caseStudyLinks: unknown[][] = [];
    for (let i = 0; i < sizes.caseStudies; i++) {
      const id = newId();
      const author = members[rng.int(members.length)];
      const status = rng.pick(['SUBMITTED', 'SUBMITTED', 'ACCEPTED', 'ACCEPTED', 'FEATURED', 'DECLINED']);
      caseStudies.push([id, exportResponseId, author.id, `Case study ${i + 1}: ${sentence(rng, 5).slice(0, -1)}`, `Organisation ${rng.int(300) + 1}`, rng.pick(['Leeds', 'Bristol', 'Cardiff', 'Glasgow', 'Norwich', null]),
        paragraphText(rng, 2), rng.next() < 0.7 ? paragraphText(rng, 3) : null, JSON.stringify(rng.next() < 0.3 ? [`https://example.org/case/${i + 1}`] : []), JSON.stringify([rng.pick(WORDS), rng.pick(WORDS)]),
        author.name, `contact${i + 1}@bench.chorus.test`, rng.next() < 0.5 ? '+44 113 496 0000' : null, rng.next() < 0.8, rng.next() < 0.8, rng.pick(['NAMED', 'ORGANISATION', 'ANONYMOUS']), status, daysAgo(12), daysAgo(12), daysAgo(2)]);
      const first = rng.int(exportSectionIds.length);
      caseStudyLinks.push([id, exportSectionIds[first]]);
      if (rng.next() < 0.3) caseStudyLinks.push([id, exportSectionIds[(first + 1) % exportSectionIds.length]]);
    }
    await insertRows(client, 'CaseStudy', [col('id'), col('responseId'), col('authorId'), col('title'), col('organisation'), col('place'), col('summary'), col('evidence'), col('links', 'text[]'), col('themes', 'text[]'),
      col('contactName'), col('contactEmail'), col('contactPhone'), col('consentQuote', 'boolean'), col('consentShow', 'boolean'), col('attribution', '"Attribution"'), col('status', '"CaseStudyStatus"'), col('submittedAt', TS), col('createdAt', TS), col('updatedAt', TS)], caseStudies);
    await insertRows(client, 'CaseStudySection', [col('caseStudyId'), col('sectionId')], caseStudyLinks);

    await client.query('commit');
    await client.query('analyze');

    const person = (p: (typeof people)[number]): Person => ({ id: p.id, name: p.name, token: p.token.token });
    const commentsText = currentVersion.get(commentsSectionId)!.text;
    return {
      sizes,
      coordinator: person(coordinator),
      drafters: drafters.map(person),
      members: members.map(person),
      sessions,
      export: {
        slug: 'bench-export',
        responseId: exportResponseId,
        sectionIds: exportSectionIds,
        counts: {
          sections: exportSectionIds.length,
          versions: exportSectionIds.length * sizes.versionsPerSection,
          comments: exportComments,
          replies: exportReplies,
          suggestions: exportSuggestions,
          caseStudies: sizes.caseStudies,
          agreements: exportAgreements,
          dispositions: exportDispositions,
        },
        sections: exportSectionIds.map((id, i) => ({ heading: String(sections.find((s) => s[0] === id)![4]), number: String(i + 1), text: currentVersion.get(id)!.text })),
      },
      page: { slug: 'bench-page', sectionId: pageSectionIds[1], comments: sizes.pageComments, suggestions: sizes.pageSuggestions, marker: 'bench-c' },
      comments: { slug: 'bench-comments', sectionId: commentsSectionId, anchor: anchorIn(commentsText, rng), text: commentsText },
      collab: { slug: 'bench-collab', sectionIds: collabSectionIds },
      versions: { slug: 'bench-versions', sectionIds: versionSectionIds },
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
