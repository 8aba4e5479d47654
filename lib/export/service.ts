/**
 * Exports, with their permissions, for the API, the pages and the command line:
 * - members may export the current text as txt;
 * - drafters and coordinators every format, and any named version;
 * - the JSON archive carries contact details only for coordinators (and the operator).
 * `caller` null is the operator at the command line, who may do everything.
 */
import 'server-only';
import { type Actor, type Caller, can } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import { archiveChunks } from '@/lib/export/archive';
import { responseDocument } from '@/lib/export/document';
import { renderDocx } from '@/lib/export/docx';
import { renderMarkdown } from '@/lib/export/markdown';
import { getReport, reportDocument } from '@/lib/export/report';
import { exportSchema, reportSchema } from '@/lib/export/schemas';
import { withSignatories } from '@/lib/endorsements/export';
import { FINAL_VERSION_LABEL } from '@/lib/responses/phase';
import { loadSnapshot } from '@/lib/export/snapshot';
import { renderTxt } from '@/lib/export/txt';

export type ExportFile = {
  fileName: string;
  contentType: string;
  /** Bytes, or text chunks for the streamed JSON archive. */
  body: Uint8Array | string | AsyncIterable<string>;
};

export const contentTypes = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
} as const;

function fileSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'version';
}

async function findResponse(slug: string) {
  const response = await db().response.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!response) throw notFound(`The response "${slug}"`);
  return response;
}

export async function exportResponse(caller: Actor, slug: string, input: { format?: unknown; version?: unknown }): Promise<ExportFile> {
  const { format, version } = parseInput(exportSchema, input);
  const full = can(caller, 'export:full');
  if (!full && (format !== 'txt' || version)) throw forbidden('Members can export the current text as plain text (txt); other formats and named versions are for drafters and coordinators');
  const response = await findResponse(slug);
  const fileName = `${response.slug}${version ? `-${fileSlug(version)}` : ''}.${format}`;
  if (format === 'json') {
    if (version) throw new AppError('bad_request', 'The JSON archive holds every version already: export it without a version', { fields: { version: 'Not for the JSON archive' } });
    return { fileName, contentType: contentTypes.json, body: archiveChunks(response.id, { viewer: caller }) };
  }
  // Approved signatories follow the text they signed: the current (final) text or the final submission.
  const document = await withSignatories(responseDocument(await loadSnapshot(response.id, version)), response.id, { label: version, finalLabel: FINAL_VERSION_LABEL });
  if (format === 'txt') return { fileName, contentType: contentTypes.txt, body: renderTxt(document) };
  if (format === 'md') return { fileName, contentType: contentTypes.md, body: renderMarkdown(document) };
  return { fileName, contentType: contentTypes.docx, body: await renderDocx(document) };
}

/** The "you said, we did" report as a file: drafters and coordinators (members read it as a web page). */
export async function exportReport(caller: Actor, slug: string, input: { format?: unknown; names?: unknown }): Promise<ExportFile> {
  const { format, names } = parseInput(reportSchema, input);
  if (!can(caller, 'export:full')) throw forbidden('Downloading the report is for drafters and coordinators; members can read it on its page');
  const report = await getReport(caller, slug, { names });
  const fileName = `${report.response.slug}-you-said-we-did.${format}`;
  if (format === 'json') return { fileName, contentType: contentTypes.json, body: `${JSON.stringify(report, null, 2)}\n` };
  const document = reportDocument(report);
  if (format === 'md') return { fileName, contentType: contentTypes.md, body: renderMarkdown(document) };
  return { fileName, contentType: contentTypes.docx, body: await renderDocx(document) };
}

/** Reads a whole export into memory (tests, small files). */
export async function exportBytes(file: ExportFile): Promise<Uint8Array> {
  if (typeof file.body === 'string') return new TextEncoder().encode(file.body);
  if (file.body instanceof Uint8Array) return file.body;
  const chunks: string[] = [];
  for await (const chunk of file.body) chunks.push(chunk);
  return new TextEncoder().encode(chunks.join(''));
}

/** The export as an HTTP response, streaming the JSON archive. */
export function exportHttpResponse(file: ExportFile): Response {
  const headers = {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'private, no-store',
  };
  const body = file.body;
  if (typeof body === 'string' || body instanceof Uint8Array) return new Response(body as BodyInit, { headers });
  const encoder = new TextEncoder();
  const iterator = body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Gather small chunks into writes of ~64 KB.
      let buffer = '';
      while (buffer.length < 65_536) {
        const { value, done } = await iterator.next();
        if (done) {
          if (buffer) controller.enqueue(encoder.encode(buffer));
          controller.close();
          return;
        }
        buffer += value;
      }
      controller.enqueue(encoder.encode(buffer));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, { headers });
}
