import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listDevMail } from '@/lib/dev-mailbox';
import { formatDateTime } from '@/lib/format';
import { linkClass } from '@/components/ui/link';

export const metadata: Metadata = { title: 'Development mailbox' };
export const dynamic = 'force-dynamic';

/** Development only: the mail Chorus would have sent (no SMTP_URL). A production build shows 404. */
export default async function DevMailboxPage() {
  if (process.env.NODE_ENV === 'production') notFound();
  const messages = await listDevMail();
  const linkify = (text: string) =>
    text.split(/(https?:\/\/\S+)/g).map((part, i) => (/^https?:\/\//.test(part) ? <a key={i} className={`${linkClass} break-all`} href={part}>{part}</a> : part));
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="mb-2 text-2xl font-semibold">Development mailbox</h1>
      <p className="mb-6 text-muted">Mail is kept here because no SMTP_URL is set. Newest first.</p>
      {messages.length === 0 ? <p>No mail yet.</p> : null}
      <ul className="flex flex-col gap-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded-lg border border-line bg-white p-4">
            <h2 className="font-semibold">{message.subject}</h2>
            <p className="text-sm text-muted">To {message.to} · {formatDateTime(message.createdAt)}</p>
            {message.replyTo ? (
              <p className="text-sm text-muted">
                Reply-To <span className="break-all font-mono">{message.replyTo}</span>: replying by email adds a reply in Chorus (send it to the local SMTP server, see the README).
              </p>
            ) : null}
            <p className="mt-2 whitespace-pre-wrap">{linkify(message.text)}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
