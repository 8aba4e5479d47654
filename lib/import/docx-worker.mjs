// Reads one uploaded Word document in a worker thread (started by lib/import/docx.ts).
//
// A .docx is a zip, and a zip can be a bomb: a few hundred kilobytes that inflate to
// gigabytes. So this worker never lets a zip library inflate the upload as a whole. It
// streams the upload through fflate's Unzip, counting every inflated byte, and stops the
// moment one entry or all of them together pass their limit. Only then does mammoth see
// the document, and not the upload itself but a new zip built from exactly the entries
// counted here (stored, not compressed), so a zip whose central directory disagrees with
// its entries cannot slip a hidden entry past the count.
//
// Plain JavaScript on purpose: Next bundles the server's TypeScript, and a worker must be a
// file Node can start as it is, in `next start` as under tsx and vitest.
import { parentPort } from 'node:worker_threads';
import { Unzip, UnzipInflate, zipSync } from 'fflate';
import mammoth from 'mammoth';

/** Compressed bytes pushed at a time: at DEFLATE's best ratio (~1:1032) about 16 MB out. */
const CHUNK = 16 * 1024;

class Refusal extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

const megabytes = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Inflates the zip's entries, refusing as soon as a limit is passed. Images are counted but not kept. */
function inflateWithLimits(bytes, limits) {
  const files = {};
  const open = new Set();
  let total = 0;
  let count = 0;
  let failure = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    count += 1;
    if (count > limits.maxEntries) {
      failure = new Refusal('too_large', `it has more than ${limits.maxEntries} parts`);
      return;
    }
    // Pictures are left out of the import: count their bytes, keep none of them.
    const keep = !/^word\/media\//i.test(file.name);
    const chunks = [];
    let size = 0;
    open.add(file.name);
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new Refusal('broken', error.message);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) {
        failure = new Refusal('too_large', `one of its parts (${file.name}) unpacks to more than ${megabytes(limits.maxEntryBytes)}`);
      } else if (total > limits.maxTotalBytes) {
        failure = new Refusal('too_large', `it unpacks to more than ${megabytes(limits.maxTotalBytes)}`);
      }
      if (failure) {
        file.terminate();
        return;
      }
      if (keep) chunks.push(chunk);
      if (final) {
        files[file.name] = keep ? concat(chunks, size) : new Uint8Array(0);
        open.delete(file.name);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += CHUNK) {
      unzip.push(bytes.subarray(offset, offset + CHUNK), offset + CHUNK >= bytes.length);
    }
  } catch (error) {
    failure ??= new Refusal('broken', error.message);
  }
  if (failure) throw failure;
  if (open.size || !count) throw new Refusal('broken', 'the zip archive is incomplete');
  return files;
}

function concat(chunks, size) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

parentPort.once('message', async ({ bytes, limits }) => {
  try {
    const files = inflateWithLimits(bytes, limits);
    const checked = zipSync(files, { level: 0 });
    // Mammoth's document model, not its HTML (which loses list numbers and indentation); see word.ts.
    let document = null;
    await mammoth.convertToHtml(
      { buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) },
      {
        transformDocument: (element) => {
          document = element;
          return element;
        },
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
      },
    );
    if (!document) throw new Error('no document body');
    // Handed back as plain data: the notes each footnote or endnote reference points to,
    // resolved here (mammoth's resolver is a function, which cannot cross threads).
    const notes = {};
    const collect = (element) => {
      if (!element || typeof element !== 'object') return;
      if (element.type === 'noteReference') {
        const note = document.notes?.resolve?.(element);
        const key = `${element.noteType}-${element.noteId}`;
        if (note && !(key in notes)) {
          notes[key] = note;
          for (const child of note.body ?? []) collect(child);
        }
      }
      for (const child of element.children ?? []) collect(child);
    };
    collect(document);
    // Paragraphs of one Word list share one numbering object; plain data loses that, so
    // each distinct object gets an id (word.ts tells lists apart by it).
    const numberingIds = new Map();
    const tag = (element) => {
      if (!element || typeof element !== 'object') return;
      if (element.numbering && typeof element.numbering === 'object') {
        if (!numberingIds.has(element.numbering)) numberingIds.set(element.numbering, numberingIds.size + 1);
        element.numbering = { ...element.numbering, id: numberingIds.get(element.numbering) };
      }
      for (const child of element.children ?? []) tag(child);
      for (const child of element.body ?? []) tag(child);
    };
    tag(document);
    for (const note of Object.values(notes)) tag(note);
    const plain = (value) => JSON.parse(JSON.stringify(value, (key, item) => (typeof item === 'function' ? undefined : item)));
    parentPort.postMessage({ ok: true, document: plain({ ...document, notes: undefined }), notes: plain(notes) });
  } catch (error) {
    parentPort.postMessage({ ok: false, kind: error instanceof Refusal ? error.kind : 'broken', message: String(error?.message ?? error) });
  }
});
