import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { DevSignIn } from '@/components/auth/dev-sign-in';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getCurrentUser } from '@/lib/auth/session';
import { listDevSignInPeople } from '@/lib/auth/dev-sign-in';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getCurrentUser()) redirect('/');
  const devPeople = process.env.NODE_ENV === 'production' ? [] : await listDevSignInPeople();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-muted">Chorus is open to the people the network&apos;s coordinators have invited.</p>
      <SignInForm callbackUrl={callbackUrl} />
      {devPeople.length ? <DevSignIn people={devPeople} callbackUrl={callbackUrl} /> : null}
    </>
  );
}
