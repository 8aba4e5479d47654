/**
 * Word (.docx) drafts, read with mammoth. Mammoth's document model (not its HTML, which
 * drops list numbers, indentation and empty paragraphs) is turned into the preview by
 * previewFromWordDocument (word.ts): Title and Heading styles, Word's list numbering, bold,
 * italic, links, tables and footnotes. Images are left out.
 *
 * An upload is untrusted, and a .docx is a zip that can inflate a thousandfold. So the
 * zip is never opened in this process: a worker thread (docx-worker.mjs) inflates it with
 * limits on every entry and on the whole, checked while inflating, then reads it with
 * mammoth, under a heap limit and a time limit, and hands back the document model as plain
 * data. A bomb costs the worker, never the web process, and requests being served meanwhile
 * are not held up.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportPreview } from '@/lib/import/preview';
import { previewFromWordDocument, type WordElement } from '@/lib/import/word';

/** How far an upload may unpack. A 400-page draft's text is a few megabytes; pictures are counted too. */
export const DOCX_LIMITS = {
  /** Uncompressed bytes of any one entry of the zip (word/document.xml is the big one). */
  maxEntryBytes: 20 * 1024 * 1024,
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: 50 * 1024 * 1024,
  /** Entries in the zip (a real document has a few dozen, plus one per picture). */
  maxEntries: 5000,
};
/** The worker's heap; a document within the limits above converts in far less. */
const WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 };
const WORKER_TIMEOUT_MS = 20_000;
/** Conversions at once; further uploads wait their turn rather than add workers. */
const MAX_CONCURRENT = 2;

export class BrokenDocxError extends Error {}
/** The document unpacks beyond the limits, or needs more memory or time than a draft can. */
export class DocxTooLargeError extends Error {}

/**
 * The worker is a plain .mjs file that Node starts as it is. Next bundles server code into
 * .next/, where a path relative to this module would not exist, so it is found from the
 * project's root, the working directory of `npm start`, `npm run dev`, the command line and the tests.
 */
function workerFile(): string {
  const file = path.join(process.cwd(), 'lib', 'import', 'docx-worker.mjs');
  if (!existsSync(file)) throw new Error(`Chorus cannot read Word documents: ${file} is missing (run Chorus from its own folder)`);
  return file;
}

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(job: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

type WordDocument = { document: WordElement; notes: Record<string, WordElement> };
type WorkerAnswer = ({ ok: true } & WordDocument) | { ok: false; kind: 'too_large' | 'broken'; message: string };

/** Reads the document's model in a worker thread, within DOCX_LIMITS, the heap limit and the time limit. */
export function readWordDocument(bytes: Uint8Array, limits = DOCX_LIMITS): Promise<WordDocument> {
  return withSlot(
    () =>
      new Promise<WordDocument>((resolve, reject) => {
        const worker = new Worker(workerFile(), { resourceLimits: WORKER_RESOURCE_LIMITS, stdout: false, stderr: false });
        let settled = false;
        const finish = (error: Error | null, read?: WordDocument) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          if (error) reject(error);
          else resolve(read!);
        };
        const timer = setTimeout(() => finish(new DocxTooLargeError(`it took longer than ${WORKER_TIMEOUT_MS / 1000} seconds to read`)), WORKER_TIMEOUT_MS);
        worker.once('message', (answer: WorkerAnswer) => {
          if (answer.ok) finish(null, { document: answer.document, notes: answer.notes });
          else finish(answer.kind === 'too_large' ? new DocxTooLargeError(answer.message) : new BrokenDocxError(answer.message));
        });
        worker.once('error', (error: Error & { code?: string }) => {
          // Running out of its heap is how an overgrown document ends the worker.
          if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(new DocxTooLargeError('it needs more memory to read than a draft can'));
          else finish(error);
        });
        worker.once('exit', (code) => finish(new Error(`The Word reader stopped unexpectedly (exit code ${code})`)));
        // A copy, so the caller's bytes stay usable; the copy is handed over without another.
        const copy = bytes.slice();
        worker.postMessage({ bytes: copy, limits }, [copy.buffer]);
      }),
  );
}

export async function parseDocx(bytes: Uint8Array): Promise<ImportPreview> {
  const { document, notes } = await readWordDocument(bytes);
  // Footnote and endnote references resolve to the notes the worker read alongside.
  return previewFromWordDocument({ ...document, notes: { resolve: (reference) => notes[`${reference.noteType}-${reference.noteId}`] ?? null } });
}
