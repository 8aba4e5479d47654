import { PersonActions } from '@/components/people/person-actions';
import type { ActionState } from '@/lib/api/action';
import { formatDate } from '@/lib/format';
import type { PersonStatus } from '@/lib/people/queries';

export type PersonView = { id: string; name: string | null; email: string; role: string; roleLabel: string; status: PersonStatus; removedAt: string | null; isYou: boolean };

type Props = {
  people: PersonView[];
  roles: { value: string; label: string }[];
  changeRoleAction: (state: ActionState, input: { userId: string; role: string }) => Promise<ActionState>;
  removeAction: (state: ActionState, input: { userId: string }) => Promise<ActionState>;
};

const statusText: Record<PersonStatus, string> = { invited: 'Invited', active: 'Active', removed: 'Removed' };
const statusStyle: Record<PersonStatus, string> = {
  invited: 'border-line bg-paper text-ink',
  active: 'border-ok bg-green-50 text-ink',
  removed: 'border-line bg-stone-100 text-muted',
};

export function PeopleTable({ people, roles, changeRoleAction, removeAction }: Props) {
  return (
    <div className="overflow-x-auto" role="region" aria-label="Table of people (scrolls sideways on small screens)" tabIndex={0}>
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">Everyone in the network, with their role and status</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-2 pr-3">Name</th>
            <th scope="col" className="pr-3">Email</th>
            <th scope="col" className="pr-3">Role</th>
            <th scope="col" className="pr-3">Status</th>
            <th scope="col">Change or remove</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => {
            const displayName = person.name ?? person.email;
            return (
              <tr key={person.id} className="border-b border-line align-top">
                <th scope="row" className="py-3 pr-3 font-medium">
                  {person.name ?? <span className="text-muted">No name yet</span>}
                  {person.isYou ? <span className="text-muted"> (you)</span> : null}
                </th>
                <td className="py-3 pr-3 [overflow-wrap:anywhere]">{person.email}</td>
                <td className="py-3 pr-3">{person.roleLabel}</td>
                <td className="py-3 pr-3">
                  <span className={`inline-block rounded border px-2 py-0.5 text-xs ${statusStyle[person.status]}`}>{statusText[person.status]}</span>
                  {person.removedAt ? <span className="block text-xs text-muted">on {formatDate(person.removedAt)}</span> : null}
                </td>
                <td className="py-2">
                  <PersonActions
                    person={{ id: person.id, displayName, role: person.role, removed: person.status === 'removed' }}
                    roles={roles}
                    changeRoleAction={changeRoleAction}
                    removeAction={removeAction}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
