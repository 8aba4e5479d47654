import type { Metadata } from 'next';
import { ImportForm } from '@/components/import/import-form';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { Breadcrumb } from '@/components/ui/breadcrumb';

export const metadata: Metadata = { title: 'Import a draft' };

export default async function ImportPage() {
  const user = await requireUser('/responses/new');
  return (
    <>
      <Breadcrumb items={[{ href: '/', label: 'Responses' }]} />
      <h1 className="mb-2 text-2xl font-semibold">Import a draft</h1>
      {can(user, 'response:create') ? (
        <>
          <p className="mb-6 max-w-2xl text-muted">
            Start a response from the draft you already have. Chorus splits it into sections at its headings and numbered lines like “1. The opportunity”; you can check and adjust them before anything is created.
          </p>
          <ImportForm />
        </>
      ) : (
        <p className="text-muted">Only coordinators can import a draft. Ask a coordinator if a response is missing.</p>
      )}
    </>
  );
}
