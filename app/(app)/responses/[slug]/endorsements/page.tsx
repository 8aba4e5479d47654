import type { Metadata } from 'next';
import { EndorsementDecision } from '@/components/endorsements/decision-buttons';
import { EndorseForm } from '@/components/endorsements/endorse-form';
import { requireUser } from '@/lib/auth/session';
import { canDecideEndorsements, endorsementRefusal } from '@/lib/endorsements/policy';
import { listEndorsements, type EndorsementDto } from '@/lib/endorsements/queries';
import { getResponse } from '@/lib/responses/queries';
import { decideEndorsementAction, endorseAction } from './actions';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { orNotFound } from '@/lib/pages/or-not-found';

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: 'Endorsements' };

const statusLabels: Record<EndorsementDto['status'], string> = { pending: 'Waiting for approval', approved: 'Approved', declined: 'Declined' };

function Signatory({ endorsement }: { endorsement: EndorsementDto }) {
  return (
    <>
      <p className="font-medium">{endorsement.organisation}</p>
      <p className="text-sm">
        Signed by {endorsement.signatoryName}
        {endorsement.signatoryRole ? `, ${endorsement.signatoryRole}` : ''} · {endorsement.kind === 'endorse' ? 'Endorses' : 'Endorses with reservations'}
      </p>
      {endorsement.reservations ? <p className="mt-1 whitespace-pre-line text-sm text-muted">Reservations: {endorsement.reservations}</p> : null}
    </>
  );
}

export default async function EndorsementsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser(`/responses/${slug}/endorsements`);
  const response = await orNotFound(getResponse(user, slug));
  const endorsements = await orNotFound(listEndorsements(user, slug));
  const decide = canDecideEndorsements(user);
  const refusal = endorsementRefusal(response);
  const approved = endorsements.filter((endorsement) => endorsement.status === 'approved');
  const others = endorsements.filter((endorsement) => endorsement.status !== 'approved');

  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: response.title }]} />
      <h1 className="mb-2 text-2xl font-semibold">Endorsements</h1>
      <p className="mb-6 max-w-2xl text-muted">
        Member organisations sign the final response. A coordinator approves each signatory; the submission lists the approved ones, with any reservations in an annex.
      </p>

      <section aria-labelledby="signatories-heading" className="mb-8">
        <h2 id="signatories-heading" className="mb-3 text-lg font-semibold">Signatories ({approved.length})</h2>
        {approved.length ? (
          <ul className="flex flex-col divide-y divide-line rounded-lg border border-line bg-white">
            {approved.map((endorsement) => (
              <li key={endorsement.id} className="flex flex-col gap-2 p-4">
                <Signatory endorsement={endorsement} />
                {decide ? <EndorsementDecision organisation={endorsement.organisation} status={endorsement.status} action={decideEndorsementAction.bind(null, slug, endorsement.id)} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>No approved signatories yet.</p>
        )}
      </section>

      {others.length ? (
        <section aria-labelledby="others-heading" className="mb-8">
          <h2 id="others-heading" className="mb-3 text-lg font-semibold">{decide ? 'To approve, and declined' : 'Your organisation’s endorsements'}</h2>
          <ul className="flex flex-col divide-y divide-line rounded-lg border border-line bg-white">
            {others.map((endorsement) => (
              <li key={endorsement.id} className="flex flex-col gap-2 p-4">
                <Signatory endorsement={endorsement} />
                <p className="text-sm font-semibold">{statusLabels[endorsement.status]}{endorsement.declineReason ? `: ${endorsement.declineReason}` : ''}</p>
                {decide ? <EndorsementDecision organisation={endorsement.organisation} status={endorsement.status} action={decideEndorsementAction.bind(null, slug, endorsement.id)} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="endorse-heading">
        <h2 id="endorse-heading" className="mb-3 text-lg font-semibold">Endorse on behalf of your organisation</h2>
        {refusal ? <p>{refusal}</p> : <EndorseForm action={endorseAction.bind(null, slug)} />}
      </section>
    </>
  );
}
