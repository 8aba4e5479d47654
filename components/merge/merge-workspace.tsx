'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import { formatDateTime } from '@/lib/format';
import type { DispositionKind } from '@/lib/generated/prisma/enums';
import { dispositionKinds, dispositionLabels, type FeedbackItem, type FeedbackType } from '@/lib/merge/types';

type Dispose = (input: { items: { type: FeedbackType; id: string; sectionId?: string }[]; kind: DispositionKind; reply?: string; versionId?: string }) => Promise<ActionState<{ handled: number }>>;
type Version = { id: string; createdAt: string; source: string; authors: string[] };

const typeLabels: Record<FeedbackType, string> = { comment: 'Comment', suggestion: 'Suggested edit', caseStudy: 'Case study' };
const statusLabels: Record<string, string> = { OPEN: 'open', RESOLVED: 'resolved', ACCEPTED: 'accepted', DECLINED: 'declined', FEATURED: 'featured' };

function versionLabel(version: Version, index: number, currentId: string | null): string {
  const current = currentId ? version.id === currentId : index === 0;
  return `${current ? 'Current version' : 'Version'} of ${formatDateTime(version.createdAt)}${version.authors.length ? ` by ${version.authors.join(', ')}` : ''}`;
}

type Versions = { list: Version[]; currentId: string | null; refresh: () => void };

/**
 * The section's versions as they are now. The text beside the workspace is live: a drafter
 * edits it, a new version is stored, and the "in which version" list must offer it (and call
 * it the current one) without a reload. Asked for again whenever the list is about to be used.
 */
function useVersions(sectionId: string, initial: Version[]): Versions {
  const [state, setState] = useState<{ list: Version[]; currentId: string | null }>({ list: initial, currentId: null });
  useEffect(() => setState({ list: initial, currentId: null }), [initial]);
  const refresh = useCallback(async () => {
    try {
      const answer = await fetch(`/api/v1/sections/${encodeURIComponent(sectionId)}/versions`, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (!answer.ok) return;
      const body = (await answer.json()) as {
        versions: { id: string; createdAt: string; source: string; authors: { name: string }[] }[];
        section?: { currentVersionId: string | null };
      };
      setState({
        list: body.versions.slice(0, 20).map((version) => ({ id: version.id, createdAt: version.createdAt, source: version.source, authors: version.authors.map((author) => author.name) })),
        // Newest first: without the section's own word, the newest is the current text.
        currentId: body.section?.currentVersionId ?? null,
      });
    } catch {
      // Keep the list we have; the next use asks again.
    }
  }, [sectionId]);
  useEffect(() => {
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [refresh]);
  return { ...state, refresh };
}

function VersionSelect({ id, value, onChange, versions }: { id: string; value: string; onChange: (id: string) => void; versions: Versions }) {
  const { refresh } = versions;
  useEffect(() => void refresh(), [refresh]);
  return (
    <select id={id} className={inputClass} value={value} onFocus={refresh} onPointerDown={refresh} onChange={(event) => onChange(event.target.value)}>
      <option value="">The current version</option>
      {versions.list.map((version, index) => (
        <option key={version.id} value={version.id}>{versionLabel(version, index, versions.currentId)}</option>
      ))}
    </select>
  );
}

function DispositionFields({ idPrefix, kind, setKind, reply, setReply, versionId, setVersionId, versions }: {
  idPrefix: string;
  kind: DispositionKind | '';
  setKind: (kind: DispositionKind) => void;
  reply: string;
  setReply: (reply: string) => void;
  versionId: string;
  setVersionId: (id: string) => void;
  versions: Versions;
}) {
  return (
    <div className="flex flex-col gap-3">
      <fieldset>
        <legend className="text-sm font-medium">How was it handled?</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {dispositionKinds.map((option) => (
            <label key={option} className="flex items-center gap-1.5 text-sm">
              <input type="radio" name={`${idPrefix}-kind`} value={option} checked={kind === option} onChange={() => setKind(option)} />
              {dispositionLabels[option]}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'INCORPORATED' || kind === 'PARTLY_INCORPORATED' ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${idPrefix}-version`} className="text-sm font-medium">In which version of the text</label>
          <VersionSelect id={`${idPrefix}-version`} value={versionId} onChange={setVersionId} versions={versions} />
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${idPrefix}-reply`} className="text-sm font-medium">Reply to the contributor <span className="font-normal text-muted">(optional, they will see it)</span></label>
        <textarea id={`${idPrefix}-reply`} className={inputClass} rows={2} maxLength={2000} value={reply} onChange={(event) => setReply(event.target.value)} />
      </div>
    </div>
  );
}

function ItemCard({ item, versions, dispose, selected, onSelect }: { item: FeedbackItem; versions: Versions; dispose: Dispose; selected: boolean; onSelect: (on: boolean) => void }) {
  const router = useRouter();
  const idPrefix = useId();
  const [kind, setKind] = useState<DispositionKind | ''>(item.disposition?.kind ?? '');
  const [reply, setReply] = useState(item.disposition?.implied ? '' : (item.disposition?.reply ?? ''));
  const [versionId, setVersionId] = useState(item.disposition?.versionId ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const title = `${typeLabels[item.type]}${item.author ? ` by ${item.author.name}` : ''}`;

  function save(event: React.FormEvent) {
    event.preventDefault();
    if (!kind) {
      setMessage({ ok: false, text: 'Choose how it was handled.' });
      return;
    }
    startTransition(async () => {
      const result = await dispose({ items: [{ type: item.type, id: item.id, sectionId: item.sectionId }], kind, reply, versionId: versionId || undefined });
      setMessage(result.ok ? { ok: true, text: `Saved: ${dispositionLabels[kind].toLowerCase()}.` } : { ok: false, text: result.error ?? 'Could not save.' });
      if (result.ok) router.refresh();
    });
  }

  return (
    <li id={`${item.type === 'caseStudy' ? 'case-study' : item.type}-${item.id}`} className={`rounded-lg border bg-white p-4 ${item.handled ? 'border-line' : 'border-accent'}`}>
      <article aria-labelledby={`${idPrefix}-title`}>
        <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
          <h3 id={`${idPrefix}-title`} className="font-semibold">{title}</h3>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={selected} onChange={(event) => onSelect(event.target.checked)} />
            Select<span className="sr-only"> {title} for a bulk action</span>
          </label>
        </div>
        <p className="mb-2 text-xs text-muted">
          {formatDateTime(item.createdAt)} · {statusLabels[item.status] ?? item.status.toLowerCase()}
          {item.type !== 'caseStudy' ? ` · ${item.agreeCount} ${item.agreeCount === 1 ? 'agreement' : 'agreements'}` : ''}
        </p>
        {item.type === 'suggestion' ? (
          <p className="mb-2 text-sm">
            {item.quote ? <>Replace <del className="bg-red-50">{item.quote}</del> with </> : 'Insert '}
            {item.replacement ? <ins className="bg-green-50">{item.replacement}</ins> : <em>nothing (delete)</em>}
          </p>
        ) : item.quote ? (
          <blockquote className="mb-2 border-l-4 border-mark pl-3 text-sm italic">{item.quote}</blockquote>
        ) : null}
        {item.type === 'caseStudy' ? <p className="mb-1 font-medium">{item.title}{item.credit ? ` — ${item.credit}` : ''}</p> : null}
        {item.body ? <p className="mb-2 whitespace-pre-wrap text-sm">{item.type === 'suggestion' ? `Reason: ${item.body}` : item.body}</p> : null}
        {item.replies.length ? (
          <ul className="mb-2 flex flex-col gap-1 border-l border-line pl-3 text-sm">
            {item.replies.map((reply) => (
              <li key={reply.id}><span className="font-medium">{reply.author.name}:</span> <span className="whitespace-pre-wrap">{reply.body}</span></li>
            ))}
          </ul>
        ) : null}
        <p className="mb-3 text-sm">
          {item.disposition ? (
            <>
              <strong>{dispositionLabels[item.disposition.kind]}</strong>
              {item.disposition.by ? ` by ${item.disposition.by.name}` : ''}
              {item.disposition.implied ? ` (from the ${item.status === 'ACCEPTED' ? 'acceptance' : 'decision'} of the suggestion)` : ''}
              {item.disposition.reply ? <>: <span className="whitespace-pre-wrap">{item.disposition.reply}</span></> : null}
            </>
          ) : (
            <strong className="text-accent">Not handled yet</strong>
          )}
        </p>
        <details>
          <summary className="cursor-pointer text-sm font-medium text-accent">{item.disposition ? 'Change the disposition' : 'Give a disposition'}</summary>
          <form onSubmit={save} className="mt-3 flex flex-col gap-3">
            <DispositionFields idPrefix={idPrefix} kind={kind} setKind={setKind} reply={reply} setReply={setReply} versionId={versionId} setVersionId={setVersionId} versions={versions} />
            <div><Button type="submit" disabled={pending}>Save<span className="sr-only"> the disposition of the {typeLabels[item.type].toLowerCase()}</span></Button></div>
          </form>
        </details>
        <p role="status" aria-live="polite" className={`mt-2 text-sm ${message?.ok === false ? 'text-danger' : ''}`}>{message?.text ?? ''}</p>
      </article>
    </li>
  );
}

/** Every piece of feedback on a section, with per-item and bulk dispositions. */
export function MergeWorkspace({ sectionId, items, versions: initialVersions, dispose }: { sectionId: string; items: FeedbackItem[]; versions: Version[]; dispose: Dispose }) {
  const router = useRouter();
  const versions = useVersions(sectionId, initialVersions);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [kind, setKind] = useState<DispositionKind | ''>('');
  const [reply, setReply] = useState('');
  const [versionId, setVersionId] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const key = (item: FeedbackItem) => `${item.type}:${item.id}`;
  const chosen = items.filter((item) => selected.has(key(item)));

  function toggle(item: FeedbackItem, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(key(item));
    else next.delete(key(item));
    setSelected(next);
  }

  function applyBulk(event: React.FormEvent) {
    event.preventDefault();
    if (!chosen.length || !kind) {
      setMessage({ ok: false, text: !chosen.length ? 'Select the feedback first.' : 'Choose how it was handled.' });
      return;
    }
    startTransition(async () => {
      const result = await dispose({ items: chosen.map((item) => ({ type: item.type, id: item.id, sectionId: item.sectionId })), kind, reply, versionId: versionId || undefined });
      if (result.ok) {
        setMessage({ ok: true, text: `Saved: ${result.data!.handled} marked ${dispositionLabels[kind].toLowerCase()}.` });
        setSelected(new Set());
        router.refresh();
      } else setMessage({ ok: false, text: result.error ?? 'Could not save.' });
    });
  }

  if (!items.length) return <p className="text-muted">No feedback on this section yet.</p>;
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={applyBulk} aria-labelledby="bulk-heading" className="rounded-lg border border-line bg-stone-50 p-4">
        <h2 id="bulk-heading" className="mb-2 font-semibold">Handle several at once</h2>
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          <span>{chosen.length} selected</span>
          <Button variant="secondary" onClick={() => setSelected(new Set(items.filter((item) => !item.handled).map(key)))}>Select all not handled</Button>
          <Button variant="secondary" disabled={!chosen.length} onClick={() => setSelected(new Set())}>Clear selection</Button>
        </div>
        <DispositionFields idPrefix="bulk" kind={kind} setKind={setKind} reply={reply} setReply={setReply} versionId={versionId} setVersionId={setVersionId} versions={versions} />
        <div className="mt-3"><Button type="submit" disabled={pending}>Apply to {chosen.length} selected</Button></div>
        <p role="status" aria-live="polite" className={`mt-2 text-sm ${message?.ok === false ? 'text-danger' : ''}`}>{message?.text ?? ''}</p>
      </form>
      <ol className="flex flex-col gap-3" aria-label="Feedback on this section, not handled first">
        {items.map((item) => (
          <ItemCard key={`${key(item)}:${item.disposition?.at ?? ''}`} item={item} versions={versions} dispose={dispose} selected={selected.has(key(item))} onSelect={(on) => toggle(item, on)} />
        ))}
      </ol>
    </div>
  );
}
