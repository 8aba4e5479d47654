'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError('Enter the email address you were invited with, like name@example.org');
      return;
    }
    setError(undefined);
    setPending(true);
    // next-auth redirects to the check-your-email page, or to the error page for an uninvited address.
    await signIn('email', { email: email.trim(), callbackUrl: callbackUrl ?? '/' });
    setPending(false);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field id="email" label="Email address" hint="We will email you a link to sign in. No password needed." error={error}>
        <TextInput
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy('email', true, error)}
        />
      </Field>
      <Button type="submit" disabled={pending}>{pending ? 'Sending…' : 'Email me a sign-in link'}</Button>
    </form>
  );
}
