/**
 * Reads an uploaded draft into a preview, or refuses it with a message a coordinator can
 * act on: a type Chorus does not read, an empty file, a file with no text, one over
 * 10 MB, a Word document that unpacks to too much, or a damaged one. Nothing is stored here.
 */
import { AppError } from '@/lib/errors';
import { BrokenDocxError, DocxTooLargeError, parseDocx } from '@/lib/import/docx';
import { looksLikeHtml, parseHtml } from '@/lib/import/html';
import { parseMarkdown } from '@/lib/import/markdown';
import { parsePlainText } from '@/lib/import/plain-text';
import type { ImportPreview } from '@/lib/import/preview';
import { textFromDoc } from '@/lib/sections/content';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportFormat = 'docx' | 'markdown' | 'text';

const EXTENSIONS: Record<string, ImportFormat> = {
  docx: 'docx',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

export const ACCEPTED_EXTENSIONS = ['.docx', '.md', '.markdown', '.txt'];

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Which importer reads `fileName`, or a 415 naming what Chorus reads. */
export function formatOf(fileName: string): ImportFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const format = EXTENSIONS[extension];
  if (format) return format;
  const hint =
    extension === 'doc' || extension === 'odt' || extension === 'rtf'
      ? ` Open it in your word processor and save it as a Word document (.docx) first.`
      : extension === 'pdf'
        ? ' Copy the text into a .txt file, or import the Word document the PDF was made from.'
        : '';
  throw new AppError(
    'unsupported_media_type',
    `Chorus imports Word documents (.docx), Markdown (.md) and plain text (.txt); "${fileName}" is not one of those.${hint}`,
    { fields: { file: 'Choose a .docx, .md or .txt file' } },
  );
}

/** Decodes text as UTF-8 (or UTF-16 with a byte order mark, or Windows-1252 when it is not UTF-8). */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.subarray(0, 8192).includes(0) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new AppError('unsupported_media_type', `"${fileName}" is not a text file (it looks like a binary file, perhaps a document with the wrong extension).`, {
      fields: { file: 'Choose a .docx, .md or .txt file' },
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export async function parseImport(file: { fileName: string; bytes: Uint8Array }): Promise<ImportPreview & { format: ImportFormat }> {
  const format = formatOf(file.fileName);
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError('payload_too_large', `"${file.fileName}" is ${megabytes(file.bytes.byteLength)}; Chorus imports files up to 10 MB.`, {
      fields: { file: 'The file is larger than 10 MB' },
    });
  }
  if (!file.bytes.byteLength) throw new AppError('bad_request', `"${file.fileName}" is empty.`, { fields: { file: 'The file is empty' } });

  let preview: ImportPreview;
  if (format === 'docx') {
    const zip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
    try {
      if (!zip) throw new BrokenDocxError('not a zip file');
      preview = await parseDocx(file.bytes);
    } catch (error) {
      if (error instanceof DocxTooLargeError) {
        throw new AppError('payload_too_large', `"${file.fileName}" is too large to import once unpacked: ${error.message}. Chorus imports documents whose text unpacks to at most 20 MB.`, {
          fields: { file: 'The Word document unpacks to too much data' },
        });
      }
      if (!(error instanceof BrokenDocxError)) throw error;
      throw new AppError(
        'bad_request',
        `"${file.fileName}" could not be read as a Word document: it may be damaged, or not really a .docx. Open it in Word or LibreOffice and save it again as .docx.`,
        { fields: { file: 'The Word document could not be read' } },
      );
    }
  } else {
    const text = decodeText(file.bytes, file.fileName);
    // A web page saved as .md or .txt (a Google Docs export) is read as the page it is.
    preview = looksLikeHtml(text) ? parseHtml(text) : format === 'markdown' ? parseMarkdown(text) : parsePlainText(text);
  }
  const words = preview.sections.map((section) => `${section.heading} ${textFromDoc(section.content)}`).join(' ');
  if (!preview.sections.length || !/[\p{L}\p{N}]/u.test(words)) {
    throw new AppError('bad_request', `"${file.fileName}" has no text to import.`, { fields: { file: 'The file has no text' } });
  }
  return { ...preview, format };
}
