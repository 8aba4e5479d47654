'use client';

import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, inputClass } from '@/components/ui/field';
import { isAllowedHref } from '@/lib/sections/links';

/** Turns what people type into a link target: "example.org" → https://..., "a@b.org" → mailto:... */
export function normaliseHref(input: string): string {
  const value = input.trim();
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(value)) return `mailto:${value}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  return `https://${value}`;
}

/** Adds, changes or removes the link at the selection. Escape or Cancel returns to the text. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const current = editor.getAttributes('link').href as string | undefined;
  const [value, setValue] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => input.current?.focus(), []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return setError('Type the address the link should go to');
    const href = normaliseHref(value);
    if (!isAllowedHref(href)) return setError('Links can go to web addresses (http or https) and email addresses only');
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <form onSubmit={apply} onKeyDown={(event) => event.key === 'Escape' && (event.preventDefault(), close())} className="mb-2 flex flex-wrap items-end gap-2 rounded-md border border-line bg-stone-50 p-2" aria-label="Link">
      <div className="flex min-w-64 flex-1 flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">Link address</label>
        <input
          ref={input}
          id={id}
          className={inputClass}
          type="text"
          inputMode="url"
          autoComplete="url"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, false, error)}
          placeholder="https://"
        />
        {error ? <p id={`${id}-error`} role="alert" className="text-sm text-danger">{error}</p> : null}
      </div>
      <Button type="submit">{current ? 'Change link' : 'Add link'}</Button>
      {current ? <Button variant="secondary" onClick={remove}>Remove link</Button> : null}
      <Button variant="secondary" onClick={close}>Cancel</Button>
    </form>
  );
}
