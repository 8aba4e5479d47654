'use client';

import { useRouter } from 'next/navigation';
import { useId, useMemo, useRef, useState } from 'react';
import { SectionContent } from '@/components/sections/section-content';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import { applyArrangeOps, ArrangeError, inlineTextOf, sectionNumbers, type ArrangeOp, type ImportPreview, type PreviewSection } from '@/lib/import/preview';
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

/**
 * Import a draft: choose a file, check the sections Chorus found (merge neighbours, split
 * a section at a paragraph, rename), fill in the details, create. Nothing is stored until
 * "Create the response"; the server reads the file again and applies the same changes.
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
    setStatus(`Found ${preview.sections.length} ${preview.sections.length === 1 ? 'section' : 'sections'} in ${file.name}. Check them below.`);
  }

  function change(op: ArrangeOp, message: string) {
    if (!loaded) return;
    try {
      applyArrangeOps(loaded.preview.sections, [...ops, op]);
    } catch (problem) {
      if (problem instanceof ArrangeError) {
        setStatus(problem.message);
        return;
      }
      throw problem;
    }
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
              <h2 id={`${formId}-sections`} className="text-lg font-semibold">2. Check the sections ({sections.length})</h2>
              <Button variant="secondary" disabled={!ops.length || busy} onClick={() => { setOps(ops.slice(0, -1)); setStatus('Undid the last change.'); }}>
                Undo last change
              </Button>
            </div>
            <p className="text-sm text-muted">
              Merge a section into the one before it, or split one where a new section should begin. The text before the first numbered heading is the untitled introduction.
            </p>
            <ol className="flex flex-col gap-4">
              {sections.map((section, index) => {
                const headingId = `${formId}-heading-${index}`;
                const label = section.intro ? 'Introduction' : `Section ${numbers[index]}`;
                return (
                  <li key={`${index}-${section.heading}-${section.content.content.length}`} className="rounded-lg border border-line bg-white p-4">
                    <div className="mb-3 flex flex-wrap items-end gap-3">
                      <div className="min-w-64 flex-1">
                        <Field id={headingId} label={`${label}: heading`} hint={section.intro ? 'Optional: the introduction may stay untitled.' : undefined}>
                          <TextInput
                            id={headingId}
                            defaultValue={section.heading}
                            maxLength={200}
                            aria-describedby={describedBy(headingId, section.intro)}
                            onBlur={(event) => {
                              const heading = event.target.value.trim();
                              if (heading !== section.heading) change({ op: 'rename', index, heading }, `Renamed ${label.toLowerCase()}.`);
                            }}
                          />
                        </Field>
                      </div>
                      {index > 0 ? (
                        <Button variant="secondary" disabled={busy} onClick={() => change({ op: 'merge', index: index - 1 }, `Merged ${label.toLowerCase()} into the section before it.`)}>
                          Merge into the section above<span className="sr-only"> ({label})</span>
                        </Button>
                      ) : null}
                    </div>
                    <div className="max-h-96 overflow-y-auto rounded-md border border-line bg-paper p-3" tabIndex={0} role="region" aria-label={`Text of ${label.toLowerCase()}`}>
                      {section.content.content.map((node, blockIndex) => (
                        <div key={blockIndex}>
                          {blockIndex > 0 ? (
                            <div className="my-1 flex justify-end">
                              <button
                                type="button"
                                disabled={busy}
                                className="rounded border border-dashed border-line px-2 py-0.5 text-xs text-muted hover:border-accent hover:text-accent"
                                onClick={() => change({ op: 'split', index, at: blockIndex }, `Split ${label.toLowerCase()}: a new section starts at paragraph ${blockIndex + 1}.`)}
                              >
                                Start a new section here<span className="sr-only"> (before paragraph {blockIndex + 1} of {label.toLowerCase()})</span>
                              </button>
                            </div>
                          ) : null}
                          <BlockPreview node={node} />
                        </div>
                      ))}
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
