/**
 * Word (.docx) drafts, read with mammoth: headings by their Word style (Heading 1, 2...),
 * the "Title" style as the response's title, Word lists as lists, bold, italic and links.
 * Images are left out. Sections start as in every importer (sections.ts).
 *
 * An upload is untrusted, and a .docx is a zip that can inflate a thousandfold. So the
 * zip is never opened in this process: a worker thread (docx-worker.mjs) inflates it with
 * limits on every entry and on the whole, checked while inflating, then converts it, under
 * a heap limit and a time limit. A bomb costs the worker, never the web process, and
 * requests being served meanwhile are not held up.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { blocksFromHtml } from '@/lib/import/html';
import type { ImportPreview } from '@/lib/import/preview';
import { extractTitle, sectionsFromBlocks } from '@/lib/import/sections';

const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='Subtitle'] => p:fresh"];

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

type WorkerAnswer = { ok: true; html: string } | { ok: false; kind: 'too_large' | 'broken'; message: string };

/** Converts the document to HTML in a worker thread, within DOCX_LIMITS, the heap limit and the time limit. */
export function docxToHtml(bytes: Uint8Array, limits = DOCX_LIMITS): Promise<string> {
  return withSlot(
    () =>
      new Promise<string>((resolve, reject) => {
        const worker = new Worker(workerFile(), { resourceLimits: WORKER_RESOURCE_LIMITS, stdout: false, stderr: false });
        let settled = false;
        const finish = (error: Error | null, html?: string) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          if (error) reject(error);
          else resolve(html!);
        };
        const timer = setTimeout(() => finish(new DocxTooLargeError(`it took longer than ${WORKER_TIMEOUT_MS / 1000} seconds to read`)), WORKER_TIMEOUT_MS);
        worker.once('message', (answer: WorkerAnswer) => {
          if (answer.ok) finish(null, answer.html);
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
        worker.postMessage({ bytes: copy, limits, styleMap: STYLE_MAP }, [copy.buffer]);
      }),
  );
}

export async function parseDocx(bytes: Uint8Array): Promise<ImportPreview> {
  const html = await docxToHtml(bytes);
  const parsed = blocksFromHtml(html);
  const fallback = parsed.title ? { title: parsed.title, blocks: parsed.blocks } : extractTitle(parsed.blocks);
  return { title: fallback.title, sections: sectionsFromBlocks(fallback.blocks) };
}
