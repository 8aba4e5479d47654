import type { Metadata } from 'next';
import { PageLink } from '@/components/ui/page-link';
import { buttonClass } from '@/components/ui/button';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { formatDate, phaseLabels, relativeToNow } from '@/lib/format';
import { listResponses } from '@/lib/responses/queries';
import { cardClass } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Responses' };

export default async function ResponsesPage() {
  const user = await requireUser('/');
  const responses = await listResponses(user);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Responses</h1>
      {can(user, 'response:create') ? <p className="mb-6"><PageLink className={buttonClass()} href="/responses/new">Import a draft</PageLink></p> : null}
      {responses.length === 0 ? (
        <p className="text-muted">There are no responses yet. A coordinator can start one by importing a draft.</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {responses.map((response) => (
            <li key={response.slug} className={cardClass()}>
              <h2 className="text-lg font-semibold">
                <PageLink className="inline-flex min-h-6 items-center text-accent hover:underline" href={`/responses/${response.slug}`}>{response.title}</PageLink>
              </h2>
              <p className="text-sm text-muted">
                {phaseLabels[response.phase]} · {response.sectionCount} sections
                {response.deadline ? <> · deadline {formatDate(response.deadline)} ({relativeToNow(response.deadline)})</> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
