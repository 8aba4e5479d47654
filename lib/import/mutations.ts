/**
 * Creating a response from an imported draft: the response, its sections and each
 * section's first version (source IMPORT), with audit events, in one transaction. The file
 * is parsed again here and the coordinator's merges and splits re-applied, so what is
 * created is exactly the preview they saw, and nothing is created when anything fails.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { actorIdOf, can, isOperator, type Actor } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { AppError, forbidden, parseInput } from '@/lib/errors';
import { parseImport } from '@/lib/import/parse';
import { applyArrangeOps, ArrangeError, sectionNumbers, type ImportPreview } from '@/lib/import/preview';
import { importDetailsSchema, importUploadSchema, type ImportDetails } from '@/lib/import/schemas';
import { uniqueSlug } from '@/lib/responses/slug';
import { commitSectionVersion } from '@/lib/sections/mutations';

export type ImportFile = { fileName: string; bytes: Uint8Array };

/** Who is importing: a coordinator, or the operator at the command line (null). */
function assertMayImport(caller: Actor) {
  if (!can(caller, 'response:create')) throw forbidden('Only coordinators can import a draft');
}

/** A title from the file's name: "covenant_draft-v2.docx" → "Covenant draft v2". */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return base ? base[0].toUpperCase() + base.slice(1) : 'Imported draft';
}

/** Decodes an API upload ({fileName, data: base64}). */
export function decodeUpload(input: unknown): ImportFile {
  const upload = parseInput(importUploadSchema, input);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(upload.data.replace(/\s+/g, ''))) {
    throw new AppError('bad_request', 'The file must be sent as base64', { fields: { data: 'Not valid base64' } });
  }
  return { fileName: upload.fileName, bytes: new Uint8Array(Buffer.from(upload.data, 'base64')) };
}

/** The preview of a file, before anything is created. */
export async function previewImport(caller: Actor, file: ImportFile): Promise<ImportPreview & { format: string }> {
  assertMayImport(caller);
  return parseImport(file);
}

export async function importResponse(caller: Actor, file: ImportFile, details: ImportDetails | unknown) {
  assertMayImport(caller);
  const input = parseInput(importDetailsSchema, details);
  const preview = await parseImport(file);
  let sections;
  try {
    sections = applyArrangeOps(preview.sections, input.ops);
  } catch (error) {
    if (error instanceof ArrangeError) throw new AppError('bad_request', error.message, { fields: { ops: error.message } });
    throw error;
  }
  const numbers = sectionNumbers(sections);
  const title = input.title || preview.title || titleFromFileName(file.fileName);

  return db().$transaction(
    async (tx) => {
      const slug = await uniqueSlug(tx, title);
      const response = await tx.response.create({
        data: {
          slug,
          title,
          consultationName: input.consultationName ?? '',
          consultationUrl: input.consultationUrl || null,
          deadline: input.deadline ?? null,
          phase: 'DRAFTING',
        },
        select: { id: true, slug: true, title: true },
      });
      for (const [position, section] of sections.entries()) {
        const created = await tx.section.create({
          data: { responseId: response.id, position, number: numbers[position], heading: section.heading },
          select: { id: true },
        });
        await commitSectionVersion(tx, {
          sectionId: created.id,
          content: section.content,
          authorIds: isOperator(caller) ? [] : [caller.id],
          source: 'IMPORT',
          actorId: actorIdOf(caller),
        });
      }
      await recordAudit(tx, {
        actorId: actorIdOf(caller),
        action: 'response.import',
        targetType: 'response',
        targetId: response.id,
        data: { fileName: file.fileName.slice(0, 255), format: preview.format, sections: sections.length, edits: input.ops.length },
      });
      return { slug: response.slug, title: response.title, sectionCount: sections.length, sections };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
