/**
 * The operator's commands for whole responses: import a draft, export it in any format,
 * restore a JSON archive into an empty database. Registered in lib/cli/chorus.ts; the
 * operator is trusted (caller null: full exports, audit events with no personal actor).
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { OPERATOR } from '@/lib/auth/policy';

type Command = { usage: string; run(args: string[]): Promise<void> };

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
    return { text, flag: (name: string) => values[name] === true, positionals };
  } catch (error) {
    throw new Error((error as Error).message.replace(/^.*?Unknown option/, 'Unknown option'));
  }
}

async function writeOut(out: string | undefined, body: Uint8Array | string | AsyncIterable<string>, binary: boolean) {
  if (!out && binary && process.stdout.isTTY) throw new Error('A Word document cannot be printed to the terminal: add --out <file>.docx');
  const stream = out ? createWriteStream(out) : process.stdout;
  const write = async (chunk: Uint8Array | string) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  if (typeof body === 'string' || body instanceof Uint8Array) await write(body);
  else for await (const chunk of body) await write(chunk);
  // Wait until everything is handed to the file or pipe: the CLI exits right after.
  await new Promise<void>((resolve, reject) => {
    if (out) (stream as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve()));
    else stream.write('', () => resolve());
  });
}

export const importCommand: Command = {
  usage: 'import <file.docx|.md|.txt> [--title "..."] [--consultation "..."] [--consultation-url <url>] [--deadline <YYYY-MM-DD>] [--dry-run]  (prints the outline, as the preview shows it; --dry-run creates nothing)',
  async run(args) {
    const { text, flag, positionals } = parse(args, {
      title: { type: 'string' },
      consultation: { type: 'string' },
      'consultation-url': { type: 'string' },
      deadline: { type: 'string' },
      'dry-run': { type: 'boolean' },
    });
    const [file] = positionals;
    if (!file) throw new Error('Give the file to import: npm run chorus -- import draft.docx');
    const bytes = new Uint8Array(await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? `There is no file ${file}` : `Cannot read ${file}: ${error.message}`);
    }));
    const { importResponse, previewImport } = await import('@/lib/import/mutations');
    const { formatOutline } = await import('@/lib/import/preview');
    const upload = { fileName: path.basename(file), bytes };
    if (flag('dry-run')) {
      const preview = await previewImport(OPERATOR, upload);
      console.info(`${preview.sections.length} ${preview.sections.length === 1 ? 'section' : 'sections'} found in ${upload.fileName} (nothing created).`);
      if (preview.title) console.info(`Title: ${preview.title}`);
      console.info(formatOutline(preview.sections).join('\n'));
      return;
    }
    const created = await importResponse(OPERATOR, upload, {
      title: text('title'),
      consultationName: text('consultation'),
      consultationUrl: text('consultation-url'),
      deadline: text('deadline'),
    });
    console.info(`Imported "${created.title}" as ${created.slug} with ${created.sectionCount} ${created.sectionCount === 1 ? 'section' : 'sections'}.`);
    console.info(formatOutline(created.sections).join('\n'));
  },
};

export const exportCommand: Command = {
  usage: 'export <slug> --format txt|md|docx|json [--out <file>] [--version "<label>"] [--report [--names]] [--form]',
  async run(args) {
    const { text, flag, positionals } = parse(args, {
      format: { type: 'string' },
      out: { type: 'string' },
      version: { type: 'string' },
      report: { type: 'boolean' },
      names: { type: 'boolean' },
      form: { type: 'boolean' },
    });
    const [slug] = positionals;
    if (!slug) throw new Error('Give the response\'s slug: npm run chorus -- export <slug> --format txt');
    if (!text('format')) throw new Error('Give the format: --format txt, md, docx or json');
    const { exportReport, exportResponse } = await import('@/lib/export/service');
    // --form: the answers "as the form asks", question by question (txt, md or docx).
    const file = flag('form')
      ? await (await import('@/lib/consultation-form/export')).exportForm(OPERATOR, slug, { format: text('format') })
      : flag('report')
        ? await exportReport(OPERATOR, slug, { format: text('format'), names: flag('names') })
        : await exportResponse(OPERATOR, slug, { format: text('format'), version: text('version') });
    await writeOut(text('out'), file.body, file.contentType.includes('officedocument'));
    if (text('out')) console.error(`Wrote ${text('out')}`);
  },
};

export const restoreCommand: Command = {
  usage: 'restore <archive.json>  (into an empty database only)',
  async run(args) {
    const { positionals } = parse(args, {});
    const [file] = positionals;
    if (!file) throw new Error('Give the archive to restore: npm run chorus -- restore response.json');
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? `There is no file ${file}` : `Cannot read ${file}: ${error.message}`);
    });
    const { restoreArchive } = await import('@/lib/export/restore');
    const restored = await restoreArchive(text);
    console.info(
      `Restored ${restored.slug}: ${restored.sections} sections, ${restored.versions} versions, ${restored.comments} comments, ${restored.suggestions} suggestions, ${restored.caseStudies} case studies, ${restored.people} people.`,
    );
  },
};
