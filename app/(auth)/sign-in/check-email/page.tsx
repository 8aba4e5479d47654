import type { Metadata } from 'next';
import { TextLink } from '@/components/ui/link';

export const metadata: Metadata = { title: 'Check your email' };

export default function CheckEmailPage() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Check your email</h1>
      <p className="text-muted">We have sent you a link to sign in. It works once, for 30 minutes.</p>
      {process.env.NODE_ENV !== 'production' ? (
        <p className="mt-4"><TextLink href="/dev/mailbox">Open the development mailbox</TextLink></p>
      ) : null}
    </>
  );
}
