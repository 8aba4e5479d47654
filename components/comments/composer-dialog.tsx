'use client';

import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { usePending } from '@/components/comments/use-pending';
import { WordDiff } from '@/components/comments/word-diff';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { describeRange, type TextAnchor } from '@/lib/anchoring/text-quote';
import type { ActionState } from '@/lib/api/action';

export type ComposerRequest = {
  kind: 'comment' | 'suggestion';
  /** The selection in the text when the composer was opened (start === end: a cursor position). */
  selection: { start: number; end: number } | null;
  /** A comment on the whole section: no passage. */
  whole?: boolean;
};

type Props = {
  request: ComposerRequest | null;
  /** The section's text as the page shows it now. */
  text: string;
  onClose: () => void;
  submitComment: (input: { body: string; anchor: TextAnchor | null; clientKey: string }) => Promise<ActionState<unknown>>;
  submitSuggestion: (input: { anchor: TextAnchor; replacement: string; reason?: string; clientKey: string }) => Promise<ActionState<unknown>>;
};

function occurrences(text: string, words: string, limit = 50): number[] {
  const found: number[] = [];
  if (!words) return found;
  for (let at = text.indexOf(words); at !== -1 && found.length < limit; at = text.indexOf(words, at + 1)) found.push(at);
  return found;
}

const around = (text: string, start: number, end: number) => ({
  before: (start > 30 ? '…' : '') + text.slice(Math.max(0, start - 30), start),
  after: text.slice(end, end + 30) + (end + 30 < text.length ? '…' : ''),
});

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/**
 * The form for a new comment or suggestion, in a modal dialog. The passage comes from the
 * selection in the text, or is typed (keyboard and screen-reader users, or anyone): the
 * typed words are looked up in the section, and when they occur more than once the person
 * chooses which occurrence they mean.
 */
export function ComposerDialog({ request, text, onClose, submitComment, submitSuggestion }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [words, setWords] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [body, setBody] = useState('');
  const [mode, setMode] = useState<'replace' | 'delete' | 'insert'>('replace');
  const [replacement, setReplacement] = useState('');
  const [reason, setReason] = useState('');
  const [clientKey, setClientKey] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const { pending, error, fieldErrors, run, reset } = usePending();
  const textRef = useRef(text);
  textRef.current = text;
  const focusOnOpen = useRef(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!request) {
      if (element.open) element.close();
      return;
    }
    const text = textRef.current;
    const selection = request.whole ? null : request.selection;
    const selected = selection && selection.end > selection.start ? text.slice(selection.start, selection.end) : '';
    setWords(selected);
    setChosen(selected ? selection!.start : null);
    setCaret(selection && selection.end === selection.start ? selection.start : null);
    setBody('');
    setMode(request.kind === 'suggestion' && !selected && selection ? 'insert' : 'replace');
    setReplacement(selected);
    setReason('');
    setClientKey(newKey());
    setLocalError(null);
    reset();
    if (!element.open) element.showModal();
    focusOnOpen.current = true;
  }, [request, reset]);

  // Opening: straight to the first required field still empty (the words to change, when
  // nothing was selected), else to the field to write in. This runs in the commit that
  // shows this request's values (the state set above always changes: a new client key).
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!focusOnOpen.current || !element?.open) return;
    focusOnOpen.current = false;
    const emptyRequired = [...element.querySelectorAll<HTMLTextAreaElement>('textarea[aria-required="true"]')].find((field) => !field.value.trim());
    (emptyRequired ?? element.querySelector<HTMLElement>('[data-autofocus]'))?.focus();
  });

  // A refused submission (here or by the server): focus the first field in error, else the
  // message, so the person hears what is wrong and is where they can fix it (GOV.UK's pattern).
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (!refusals) return;
    const form = dialog.current?.querySelector('form');
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[data-form-error]');
    target?.focus();
  }, [refusals]);

  const found = useMemo(() => occurrences(text, words), [text, words]);
  const start = chosen !== null && found.includes(chosen) ? chosen : found.length === 1 ? found[0] : null;

  const suggestion = request?.kind === 'suggestion';
  const title = suggestion ? 'Suggest an edit' : request?.whole ? 'Comment on the whole section' : 'Comment on a passage';
  const atCaret = suggestion && mode === 'insert' && !words && caret !== null;

  const anchor = (): TextAnchor | null | 'invalid' => {
    if (atCaret) return describeRange(text, caret!, caret!);
    if (!words) return null;
    if (start === null) return 'invalid';
    if (suggestion && mode === 'insert') return describeRange(text, start + words.length, start + words.length);
    return describeRange(text, start, start + words.length);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    const passage = anchor();
    const refuse = (message: string) => {
      setLocalError(message);
      setRefusals((n) => n + 1);
    };
    if (passage === 'invalid') {
      refuse(found.length ? 'These words occur more than once: choose which one you mean.' : 'These words are not in the section. Copy them exactly, or select them in the text.');
      return;
    }
    if (suggestion && !passage) {
      refuse(mode === 'insert' ? 'Type the words after which to insert, or place the cursor in the text first.' : 'Type or select the words you want to change.');
      return;
    }
    const result = suggestion
      ? await run(() => submitSuggestion({ anchor: passage!, replacement: mode === 'delete' ? '' : replacement, reason: reason || undefined, clientKey }))
      : await run(() => submitComment({ body, anchor: passage, clientKey }));
    if (result?.ok) onClose();
    else if (result) setRefusals((n) => n + 1);
  };

  const passageError = localError ?? fieldErrors['anchor.exact'] ?? fieldErrors['anchor.prefix'] ?? fieldErrors['anchor.start'] ?? fieldErrors.anchor;
  const describe = (...ids: (string | false | undefined | null)[]) => ids.filter(Boolean).join(' ') || undefined;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-line bg-white p-0 text-ink shadow-xl backdrop:bg-black/40"
    >
      {request ? (
      <form onSubmit={submit} className="flex flex-col gap-4 p-5" noValidate>
        <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
        {atCaret ? (
          <p className="text-sm">
            Insert at the cursor: <q className="font-serif">{around(text, caret!, caret!).before}<span aria-label="insertion point" className="font-bold text-accent">‸</span>{around(text, caret!, caret!).after}</q>
          </p>
        ) : request.whole && !suggestion ? null : (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-words`} className="text-sm font-medium">
              {suggestion ? (mode === 'insert' ? 'Insert after these words' : 'The words to change') : 'The passage'}
            </label>
            <p id={`${id}-words-hint`} className="text-sm text-muted">
              {suggestion ? 'Exactly as they appear in the section, within one paragraph.' : 'Exactly as it appears in the section. Leave empty to comment on the whole section.'}
            </p>
            <textarea
              id={`${id}-words`}
              className={inputClass}
              rows={2}
              value={words}
              onChange={(event) => { setWords(event.target.value); setChosen(null); }}
              aria-required={suggestion || undefined}
              aria-invalid={Boolean(passageError)}
              aria-describedby={describe(`${id}-words-hint`, passageError && `${id}-words-error`, `${id}-words-status`)}
            />
            <p id={`${id}-words-status`} className="text-sm text-muted" aria-live="polite">
              {words ? (found.length === 0 ? 'Not found in the section.' : found.length === 1 ? 'Found in the section.' : `Found ${found.length === 50 ? '50 or more' : found.length} times: choose which one.`) : ''}
            </p>
            {found.length > 1 ? (
              <fieldset className="flex max-h-48 flex-col gap-1 overflow-auto rounded border border-line p-2">
                <legend className="px-1 text-sm font-medium">Which one?</legend>
                {found.map((at, i) => {
                  const context = around(text, at, at + words.length);
                  return (
                    <label key={at} className="flex items-start gap-2 text-sm">
                      <input type="radio" name={`${id}-occurrence`} className="mt-1" checked={start === at} onChange={() => setChosen(at)} />
                      <span>
                        <span className="sr-only">Occurrence {i + 1}: </span>
                        {context.before}<mark className="bg-mark">{words}</mark>{context.after}
                      </span>
                    </label>
                  );
                })}
              </fieldset>
            ) : null}
            {passageError ? <p id={`${id}-words-error`} role="alert" className="text-sm text-danger">{passageError}</p> : null}
          </div>
        )}
        {suggestion ? (
          <>
            <fieldset className="flex flex-wrap gap-4">
              <legend className="mb-1 text-sm font-medium">What should change?</legend>
              {([['replace', 'Replace the words'], ['delete', 'Delete the words'], ['insert', 'Insert new text']] as const).map(([value, label]) => (
                <label key={value} className="flex items-center gap-2 text-sm">
                  <input type="radio" name={`${id}-mode`} value={value} checked={mode === value} onChange={() => setMode(value)} />
                  {label}
                </label>
              ))}
            </fieldset>
            {mode !== 'delete' ? (
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-replacement`} className="text-sm font-medium">{mode === 'insert' ? 'Text to insert' : 'New words'}</label>
                <textarea
                  id={`${id}-replacement`}
                  className={inputClass}
                  rows={3}
                  value={replacement}
                  maxLength={10_000}
                  data-autofocus
                  onChange={(event) => setReplacement(event.target.value.replace(/[\r\n]+/g, ' '))}
                  aria-invalid={Boolean(fieldErrors.replacement)}
                  aria-describedby={fieldErrors.replacement ? `${id}-replacement-error` : undefined}
                />
                {fieldErrors.replacement ? <p id={`${id}-replacement-error`} role="alert" className="text-sm text-danger">{fieldErrors.replacement}</p> : null}
              </div>
            ) : null}
            {mode !== 'insert' && words && (mode === 'delete' || replacement !== words) ? (
              <div className="rounded border border-line bg-paper p-2 text-sm" aria-label="Preview of the change">
                <WordDiff before={words} after={mode === 'delete' ? '' : replacement} />
              </div>
            ) : null}
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-reason`} className="text-sm font-medium">Why? (optional)</label>
              <textarea id={`${id}-reason`} className={inputClass} rows={2} value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} aria-invalid={Boolean(fieldErrors.reason)} aria-describedby={fieldErrors.reason ? `${id}-reason-error` : undefined} />
              {fieldErrors.reason ? <p id={`${id}-reason-error`} role="alert" className="text-sm text-danger">{fieldErrors.reason}</p> : null}
            </div>
          </>
        ) : (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-body`} className="text-sm font-medium">Your comment</label>
            <p id={`${id}-body-hint`} className="text-sm text-muted">Plain text; line breaks are kept and web addresses become links.</p>
            <textarea
              id={`${id}-body`}
              className={inputClass}
              rows={5}
              value={body}
              maxLength={10_000}
              data-autofocus
              onChange={(event) => setBody(event.target.value)}
              aria-invalid={Boolean(fieldErrors.body)}
              aria-describedby={describe(`${id}-body-hint`, fieldErrors.body && `${id}-body-error`)}
            />
            {fieldErrors.body ? <p id={`${id}-body-error`} role="alert" className="text-sm text-danger">{fieldErrors.body}</p> : null}
          </div>
        )}
        {error && !Object.keys(fieldErrors).length ? <p role="alert" tabIndex={-1} data-form-error className="rounded border border-danger bg-red-50 p-2 text-sm text-danger">{error}</p> : null}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" busy={pending}>{pending ? 'Sending…' : suggestion ? 'Send suggestion' : 'Post comment'}</Button>
          <Button variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
        </div>
      </form>
      ) : null}
    </dialog>
  );
}
