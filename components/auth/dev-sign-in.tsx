'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Development only: sign in as a demo person with one click. The server route refuses in production. */
export function DevSignIn({ people, callbackUrl }: { people: { email: string; name: string | null; role: string }[]; callbackUrl?: string }) {
  const [error, setError] = useState<string>();
  async function signInAs(email: string) {
    const response = await fetch('/api/dev/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
    if (!response.ok) {
      setError(((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? 'Could not sign in');
      return;
    }
    window.location.assign(callbackUrl && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/');
  }
  return (
    <section aria-labelledby="dev-sign-in" className="mt-8 rounded-md border border-dashed border-line p-4">
      <h2 id="dev-sign-in" className="font-semibold">Development: sign in as a demo person</h2>
      <ul className="mt-2 flex flex-col gap-2">
        {people.map((person) => (
          <li key={person.email}>
            <Button variant="secondary" onClick={() => signInAs(person.email)}>
              Sign in as {person.name ?? person.email} ({person.role.toLowerCase()})
            </Button>
          </li>
        ))}
      </ul>
      {error ? <p role="alert" className="mt-2 text-danger">{error}</p> : null}
    </section>
  );
}
