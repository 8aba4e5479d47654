/**
 * Word (.docx) drafts, read with mammoth. Mammoth's document model (not its HTML, which
 * drops list numbers, indentation and empty paragraphs) is turned into the preview by
 * previewFromWordDocument (word.ts): Title and Heading styles, Word's list numbering, bold,
 * italic, links, tables and footnotes. Images are left out.
 */
import mammoth from 'mammoth';
import type { ImportPreview } from '@/lib/import/preview';
import { previewFromWordDocument, type WordElement } from '@/lib/import/word';

export class BrokenDocxError extends Error {}

export async function parseDocx(bytes: Uint8Array): Promise<ImportPreview> {
  let document: WordElement | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (element: unknown) => {
          document = element as WordElement;
          return element;
        },
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
      } as Parameters<typeof mammoth.convertToHtml>[1],
    );
  } catch (error) {
    throw new BrokenDocxError((error as Error).message);
  }
  if (!document) throw new BrokenDocxError('no document body');
  return previewFromWordDocument(document);
}
