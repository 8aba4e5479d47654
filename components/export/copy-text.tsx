'use client';

import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/** The submission text in a read-only box, with a button that copies it to the clipboard. */
export function CopyText({ text, label }: { text: string; label: string }) {
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied the text to the clipboard.');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select the text instead.
      box.current?.focus();
      box.current?.select();
      setStatus('Could not copy automatically: the text is selected, press Ctrl+C (or ⌘C) to copy it.');
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={id} className="font-medium">{label}</label>
        <Button onClick={copy}>Copy to clipboard</Button>
      </div>
      <textarea id={id} ref={box} readOnly value={text} rows={20} className="w-full rounded-md border border-line bg-white p-3 font-mono text-sm" />
      <p role="status" aria-live="polite" className="text-sm">{status}</p>
    </div>
  );
}
