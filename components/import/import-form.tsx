'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SectionContent } from '@/components/sections/section-content';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import { applyArrangeOps, ArrangeError, describeSections, inlineTextOf, sectionNumbers, type ArrangeOp, type ImportPreview, type PreviewSection } from '@/lib/import/preview';
import type { PMNode } from '@/lib/sections/content';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.docx,.md,.markdown,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/plain';

type ApiError = { message: string; fields?: Record<string, string> };
type Loaded = { fileName: string; data: string; preview: ImportPreview };

async function postJson(url: string, body: unknown): Promise<{ ok: true; data: any } | { ok: false; error: ApiError }> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    const data = await response.json().catch(() => null);
    if (!response.ok) return { ok: false, error: data?.error ?? { message: `The server answered ${response.status}. Please try again.` } };
    return { ok: true, data };
  } catch {
    return { ok: false, error: { message: 'Could not reach Chorus. Check your connection and try again.' } };
  }
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').trim();
  return base ? base[0].toUpperCase() + base.slice(1) : '';
}

/** A short preview of one block, so long drafts stay quick to scan. */
function BlockPreview({ node }: { node: PMNode }) {
  const clipped = useMemo(() => {
    const text = node.type === 'bulletList' || node.type === 'orderedList' ? null : inlineTextOf(node);
    if (text === null || text.length <= 400) return node;
    return { ...node, content: [{ type: 'text', text: `${text.slice(0, 400)}…` }] };
  }, [node]);
  return <SectionContent doc={{ type: 'doc', content: [clipped] }} />;
}

/** One line the coordinator can act on: a paragraph or heading, or one top-level item of a list. */
type PreviewLine = { at: number; item?: number; node: PMNode; text: string };

function linesOf(section: PreviewSection): PreviewLine[] {
  const blocks = section.content.content;
  if (blocks.length === 1 && blocks[0].type === 'paragraph' && !blocks[0].content?.length) return [];
  return blocks.flatMap((node, at): PreviewLine[] => {
    if (node.type !== 'bulletList' && node.type !== 'orderedList') return [{ at, node, text: inlineTextOf(node) }];
    const start = Number(node.attrs?.start ?? 1);
    return (node.content ?? []).map((item, index) => ({
      at,
      item: index,
      // Each item is shown as a one-item list, keeping its number or bullet.
      node: { ...node, attrs: { ...node.attrs, ...(node.type === 'orderedList' ? { start: start + index } : {}) }, content: [item] },
      text: inlineTextOf(item.content?.[0] ?? { type: 'paragraph' }),
    }));
  });
}

function shorten(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

/**
 * Import a draft: choose a file, check the sections Chorus found, fill in the details,
 * create. Each wrong section takes one action to fix: "Not a heading" puts a heading back
 * into the text above, "Start a section here" makes a line a section heading, "Delete"
 * drops a line; every change can be undone. Sections that are empty or far larger than
 * the rest are flagged. Nothing is stored until "Create the response"; the server reads
 * the file again and applies the same changes.
 */
export function ImportForm() {
  const router = useRouter();
  const formId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [ops, setOps] = useState<ArrangeOp[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [details, setDetails] = useState({ title: '', consultationName: '', consultationUrl: '', deadline: '' });
  // After a change the element that was used may be gone: focus moves to where the change landed.
  const focusNext = useRef<string | null>(null);

  const sections: PreviewSection[] = useMemo(() => {
    if (!loaded) return [];
    try {
      return applyArrangeOps(loaded.preview.sections, ops);
    } catch (problem) {
      if (problem instanceof ArrangeError) return loaded.preview.sections;
      throw problem;
    }
  }, [loaded, ops]);
  const numbers = sectionNumbers(sections);
  const summaries = useMemo(() => describeSections(sections), [sections]);
  const warnings = summaries.filter((summary) => summary.warning).length;

  useEffect(() => {
    if (!focusNext.current) return;
    const target = document.querySelector<HTMLElement>(`[data-focus-key="${focusNext.current}"]`);
    focusNext.current = null;
    target?.focus();
  }, [sections]);

  async function onFile(file: File | undefined) {
    setError(null);
    setLoaded(null);
    setOps([]);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError({ message: `"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; Chorus imports files up to 10 MB.`, fields: { file: 'The file is larger than 10 MB' } });
      return;
    }
    setBusy(true);
    setStatus(`Reading ${file.name}…`);
    const data = await readAsBase64(file).catch(() => null);
    if (data === null) {
      setBusy(false);
      setStatus('');
      setError({ message: `"${file.name}" could not be read from your computer.` });
      return;
    }
    const answer = await postJson('/api/v1/imports/preview', { fileName: file.name, data });
    setBusy(false);
    if (!answer.ok) {
      setStatus('');
      setError(answer.error);
      return;
    }
    const preview = answer.data.preview as ImportPreview;
    setLoaded({ fileName: file.name, data, preview });
    setDetails((current) => ({ ...current, title: current.title || preview.title || titleFromFileName(file.name) }));
    const flagged = describeSections(preview.sections).filter((summary) => summary.warning).length;
    setStatus(
      `Found ${preview.sections.length} ${preview.sections.length === 1 ? 'section' : 'sections'} in ${file.name}. ${flagged ? `${flagged} ${flagged === 1 ? 'needs' : 'need'} a look (marked below).` : 'Check them below.'}`,
    );
  }

  /** Applies one change (undoable); `focus` picks, from the sections after it, what gets focus. */
  function change(op: ArrangeOp, message: string, focus?: (after: PreviewSection[]) => string) {
    if (!loaded) return;
    let after: PreviewSection[];
    try {
      after = applyArrangeOps(loaded.preview.sections, [...ops, op]);
    } catch (problem) {
      if (problem instanceof ArrangeError) {
        setStatus(problem.message);
        return;
      }
      throw problem;
    }
    focusNext.current = focus ? focus(after) : null;
    setOps([...ops, op]);
    setStatus(message);
  }

  async function create(event: React.FormEvent) {
    event.preventDefault();
    if (!loaded) return;
    setBusy(true);
    setError(null);
    setStatus('Creating the response…');
    const answer = await postJson('/api/v1/imports', { fileName: loaded.fileName, data: loaded.data, ...details, ops });
    if (!answer.ok) {
      setBusy(false);
      setStatus('');
      setError(answer.error);
      return;
    }
    setStatus(`Created "${answer.data.response.title}". Opening it…`);
    router.push(`/responses/${answer.data.response.slug}`);
  }

  const fieldError = (name: string) => error?.fields?.[name];

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby={`${formId}-file`} className="flex flex-col gap-3">
        <h2 id={`${formId}-file`} className="text-lg font-semibold">1. Choose the draft</h2>
        <Field id="import-file" label="Draft file" hint="A Word document (.docx), Markdown (.md) or plain text (.txt), up to 10 MB." error={fieldError('file')}>
          <input
            ref={fileRef}
            id="import-file"
            type="file"
            accept={ACCEPT}
            disabled={busy}
            aria-invalid={Boolean(fieldError('file'))}
            aria-describedby={describedBy('import-file', true, fieldError('file'))}
            onChange={(event) => onFile(event.target.files?.[0])}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-white file:px-3 file:py-1.5"
          />
        </Field>
      </section>

      <p role="status" aria-live="polite" className="text-sm">{status}</p>
      {error && !fieldError('file') ? (
        <p role="alert" className="rounded-md border border-danger bg-red-50 px-3 py-2 text-sm text-danger">{error.message}</p>
      ) : null}

      {loaded ? (
        <form onSubmit={create} className="flex flex-col gap-8" aria-labelledby={`${formId}-sections`}>
          <section aria-labelledby={`${formId}-sections`} className="flex flex-col gap-4">
            <div className="flex flex-wrap items-baseline justify-between gap-3">
              <h2 id={`${formId}-sections`} className="text-lg font-semibold">
                2. Check the sections ({sections.length}){warnings ? `: ${warnings} to look at` : ''}
              </h2>
              <Button variant="secondary" data-focus-key="undo" disabled={!ops.length || busy} onClick={() => { focusNext.current = ops.length > 1 ? 'undo' : 'heading-0'; setOps(ops.slice(0, -1)); setStatus('Undid the last change.'); }}>
                Undo last change
              </Button>
            </div>
            <p className="text-sm text-muted">
              Chorus shows where it thinks each section starts. If a line is not really a heading, choose <strong>Not a heading</strong> and it goes back into the text above. If a section should start at a line, choose <strong>Start a section here</strong> beside it. You can delete a line, and undo any change. The text before the first section is the untitled introduction.
            </p>
            <ol className="flex flex-col gap-4">
              {sections.map((section, index) => {
                const headingId = `${formId}-heading-${index}`;
                const warningId = `${formId}-warning-${index}`;
                const label = section.intro ? 'Introduction' : `Section ${numbers[index]}`;
                const summary = summaries[index];
                const lines = linesOf(section);
                return (
                  <li key={`${index}-${section.heading}-${section.content.content.length}`} className={`rounded-lg border bg-white p-4 ${summary.warning ? 'border-amber-500' : 'border-line'}`}>
                    <div className="mb-3 flex flex-wrap items-end gap-3">
                      <div className="min-w-64 flex-1">
                        <Field id={headingId} label={`${label}: heading`} hint={section.intro ? 'Optional: the introduction may stay untitled.' : undefined}>
                          <TextInput
                            id={headingId}
                            data-focus-key={`heading-${index}`}
                            defaultValue={section.heading}
                            maxLength={200}
                            aria-describedby={[describedBy(headingId, section.intro), summary.warning ? warningId : ''].filter(Boolean).join(' ') || undefined}
                            onBlur={(event) => {
                              const heading = event.target.value.trim();
                              if (heading !== section.heading) change({ op: 'rename', index, heading }, `Renamed ${label.toLowerCase()}.`);
                            }}
                          />
                        </Field>
                      </div>
                      <span className="pb-2 text-sm text-muted">{summary.words} {summary.words === 1 ? 'word' : 'words'}</span>
                      {!section.intro ? (
                        <Button
                          variant="secondary"
                          disabled={busy}
                          aria-label={`Not a heading: put “${shorten(section.heading)}” back into the text above`}
                          onClick={() =>
                            change({ op: 'demote', index }, `“${shorten(section.heading)}” is back in the text ${index > 0 ? 'of the section above' : 'of the introduction'}.`, () => `heading-${Math.max(0, index - 1)}`)
                          }
                        >
                          Not a heading
                        </Button>
                      ) : null}
                    </div>
                    {summary.warning ? (
                      <p id={warningId} className="mb-3 rounded-md border border-amber-500 bg-amber-50 px-3 py-2 text-sm">
                        <span aria-hidden="true">⚠ </span>
                        {summary.warning}
                      </p>
                    ) : null}
                    <div className="max-h-96 overflow-y-auto rounded-md border border-line bg-paper p-3" tabIndex={0} role="region" aria-label={`Text of ${label.toLowerCase()}`}>
                      {lines.length ? (
                        <ul className="flex flex-col gap-1">
                          {lines.map((line, lineIndex) => {
                            const name = shorten(line.text) || `paragraph ${lineIndex + 1}`;
                            return (
                              <li key={`${line.at}-${line.item ?? ''}`} className="group flex items-start gap-2">
                                <div className="min-w-0 flex-1">
                                  <BlockPreview node={line.node} />
                                </div>
                                <div className="flex shrink-0 gap-1 pt-1">
                                  <button
                                    type="button"
                                    disabled={busy}
                                    data-focus-key={`line-${index}-${lineIndex}`}
                                    className="rounded border border-dashed border-line px-2 py-0.5 text-xs text-muted hover:border-accent hover:text-accent focus:border-accent"
                                    onClick={() =>
                                      change({ op: 'promote', index, at: line.at, ...(line.item !== undefined ? { item: line.item } : {}) }, `A new section starts with the heading “${name}”.`, (after) =>
                                        `heading-${after.length > sections.length ? index + 1 : index}`,
                                      )
                                    }
                                  >
                                    Start a section here<span className="sr-only"> with “{name}” as its heading</span>
                                  </button>
                                  <button
                                    type="button"
                                    disabled={busy}
                                    className="rounded border border-dashed border-line px-2 py-0.5 text-xs text-muted hover:border-danger hover:text-danger focus:border-danger"
                                    onClick={() =>
                                      change({ op: 'remove', index, at: line.at, ...(line.item !== undefined ? { item: line.item } : {}) }, `Deleted “${name}”. Undo brings it back.`, () =>
                                        lineIndex < lines.length - 1 ? `line-${index}-${lineIndex}` : lineIndex > 0 ? `line-${index}-${lineIndex - 1}` : `heading-${index}`,
                                      )
                                    }
                                  >
                                    Delete<span className="sr-only"> “{name}”</span>
                                  </button>
                                </div>
                              </li>
                            );
                          })}
                        </ul>
                      ) : (
                        <p className="text-sm text-muted">No text.</p>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>

          <section aria-labelledby={`${formId}-details`} className="flex max-w-xl flex-col gap-4">
            <h2 id={`${formId}-details`} className="text-lg font-semibold">3. Details</h2>
            <Field id="import-title" label="Title of the response" error={fieldError('title')}>
              <TextInput id="import-title" required maxLength={200} value={details.title} aria-invalid={Boolean(fieldError('title'))} aria-describedby={describedBy('import-title', false, fieldError('title'))} onChange={(event) => setDetails({ ...details, title: event.target.value })} />
            </Field>
            <Field id="import-consultation" label="Consultation it answers" error={fieldError('consultationName')}>
              <TextInput id="import-consultation" maxLength={300} value={details.consultationName} aria-invalid={Boolean(fieldError('consultationName'))} aria-describedby={describedBy('import-consultation', false, fieldError('consultationName'))} onChange={(event) => setDetails({ ...details, consultationName: event.target.value })} />
            </Field>
            <Field id="import-url" label="Link to the consultation" hint="Optional. Starts with https://" error={fieldError('consultationUrl')}>
              <TextInput id="import-url" type="url" inputMode="url" value={details.consultationUrl} aria-invalid={Boolean(fieldError('consultationUrl'))} aria-describedby={describedBy('import-url', true, fieldError('consultationUrl'))} onChange={(event) => setDetails({ ...details, consultationUrl: event.target.value })} />
            </Field>
            <Field id="import-deadline" label="Consultation deadline" hint="Optional now; needed when you open the response for comment." error={fieldError('deadline')}>
              <TextInput id="import-deadline" type="date" value={details.deadline} aria-invalid={Boolean(fieldError('deadline'))} aria-describedby={describedBy('import-deadline', true, fieldError('deadline'))} onChange={(event) => setDetails({ ...details, deadline: event.target.value })} />
            </Field>
            <div>
              <Button type="submit" disabled={busy}>Create the response</Button>
            </div>
          </section>
        </form>
      ) : null}
    </div>
  );
}
