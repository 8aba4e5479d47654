import type { Metadata } from 'next';
import { TextLink } from '@/components/ui/link';

export const metadata: Metadata = { title: 'Could not sign in' };

const messages: Record<string, { title: string; body: string }> = {
  AccessDenied: {
    title: 'This address has not been invited',
    body: 'Chorus is invite-only. Ask your network’s coordinator to invite this email address, then try again.',
  },
  Verification: {
    title: 'That sign-in link has expired or was already used',
    body: 'Each link works once, for 30 minutes. Ask for a new one below.',
  },
  RateLimited: {
    title: 'Too many sign-in links asked for',
    body: 'To protect everyone’s inbox, Chorus sends only a few sign-in links to one address, or from one place, in a quarter of an hour. Please wait a few minutes, then ask again.',
  },
  Configuration: {
    title: 'Sign-in is not available right now',
    body: 'Something is wrong with the server’s configuration. Please tell your coordinator.',
  },
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = messages[error ?? ''] ?? { title: 'Could not sign you in', body: 'Please ask for a new sign-in link.' };
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{message.title}</h1>
      <p className="mb-6 text-muted">{message.body}</p>
      <TextLink href="/sign-in">Back to sign in</TextLink>
    </>
  );
}
