import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { InviteForm } from '@/components/people/invite-form';
import { PeopleTable } from '@/components/people/people-table';
import { can, roleLabels } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { listPeople } from '@/lib/people/queries';
import { changeRoleAction, invitePeopleAction, removePersonAction } from './actions';

export const metadata: Metadata = { title: 'People' };

const roles = (['MEMBER', 'DRAFTER', 'COORDINATOR'] as const).map((value) => ({ value, label: roleLabels[value] }));

/** Coordinators only; anyone else gets the same "not found" page as for any other address they cannot see. */
export default async function PeoplePage() {
  const user = await requireUser('/people');
  if (!can(user, 'people:manage')) notFound();
  const people = await listPeople(user);
  const count = (status: string) => people.filter((p) => p.status === status).length;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">People</h1>
      <p className="mb-8 text-muted">
        Only people invited here can sign in. Members read, comment, suggest and submit case studies; drafters also edit the text and decide on suggestions;
        coordinators can do everything.
      </p>
      <section aria-labelledby="invite-heading" className="mb-10">
        <h2 id="invite-heading" className="mb-3 text-lg font-semibold">Invite people</h2>
        <InviteForm action={invitePeopleAction} roles={roles} />
      </section>
      <section aria-labelledby="people-heading">
        <h2 id="people-heading" className="mb-1 text-lg font-semibold">Everyone</h2>
        <p className="mb-3 text-sm text-muted">
          {people.length} people: {count('active')} active, {count('invited')} invited and not yet signed in, {count('removed')} removed.
        </p>
        <PeopleTable
          people={people.map((person) => ({
            id: person.id,
            name: person.name,
            email: person.email,
            role: person.role,
            roleLabel: roleLabels[person.role],
            status: person.status,
            removedAt: person.removedAt?.toISOString() ?? null,
            isYou: person.id === user.id,
          }))}
          roles={roles}
          changeRoleAction={changeRoleAction}
          removeAction={removePersonAction}
        />
      </section>
    </>
  );
}
