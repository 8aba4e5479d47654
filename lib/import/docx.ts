/**
 * Word (.docx) drafts, read with mammoth: headings by their Word style (Heading 1, 2...),
 * the "Title" style as the response's title, Word lists as lists, bold, italic and links.
 * Images are left out. Sections start as in every importer (sections.ts).
 */
import mammoth from 'mammoth';
import { blocksFromHtml } from '@/lib/import/html';
import type { ImportPreview } from '@/lib/import/preview';
import { extractTitle, sectionsFromBlocks } from '@/lib/import/sections';

const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='Subtitle'] => p:fresh"];

export class BrokenDocxError extends Error {}

export async function parseDocx(bytes: Uint8Array): Promise<ImportPreview> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: '' })), externalFileAccess: false },
    );
    html = result.value;
  } catch (error) {
    throw new BrokenDocxError((error as Error).message);
  }
  const parsed = blocksFromHtml(html);
  const fallback = parsed.title ? { title: parsed.title, blocks: parsed.blocks } : extractTitle(parsed.blocks);
  return { title: fallback.title, sections: sectionsFromBlocks(fallback.blocks) };
}
