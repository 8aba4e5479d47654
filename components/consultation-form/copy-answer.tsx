'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Copies one answer, so it can be pasted into its box of the government's form. */
export function CopyAnswer({ number, text }: { number: string; text: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied the answer to question ${number}.`);
    } catch {
      // Clipboard access can be refused (permissions, insecure origin).
      setStatus('Could not copy automatically: select the answer’s text and copy it.');
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={copy}>Copy the answer<span className="sr-only"> to question {number}</span></Button>
      <p role="status" className="text-sm">{status}</p>
    </div>
  );
}
