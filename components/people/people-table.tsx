import { PersonActions } from '@/components/people/person-actions';
import { Badge } from '@/components/ui/badge';
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
const statusTone = { invited: 'neutral', active: 'success', removed: 'muted' } as const satisfies Record<PersonStatus, string>;

export function PeopleTable({ people, roles, changeRoleAction, removeAction }: Props) {
  return (
    // On a phone each person is a block of lines (no sideways scrolling to reach their role,
    // status and controls); the explicit roles keep it a table for screen readers either way.
    <div>
      <table role="table" className="w-full text-left text-sm max-md:block">
        <caption className="sr-only">Everyone in the network, with their role and status</caption>
        <thead role="rowgroup" className="max-md:sr-only">
          <tr role="row" className="border-b border-line">
            <th role="columnheader" scope="col" className="py-2 pr-3">Name</th>
            <th role="columnheader" scope="col" className="pr-3">Email</th>
            <th role="columnheader" scope="col" className="pr-3">Role</th>
            <th role="columnheader" scope="col" className="pr-3">Status</th>
            <th role="columnheader" scope="col">Change or remove</th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="max-md:block">
          {people.map((person) => {
            const displayName = person.name ?? person.email;
            return (
              <tr role="row" key={person.id} className="border-b border-line align-top max-md:flex max-md:flex-col max-md:gap-1 max-md:py-3">
                <th role="rowheader" scope="row" className="py-3 pr-3 font-medium max-md:block max-md:p-0">
                  {person.name ?? <span className="text-muted">No name yet</span>}
                  {person.isYou ? <span className="text-muted"> (you)</span> : null}
                </th>
                <td role="cell" className="py-3 pr-3 [overflow-wrap:anywhere] max-md:block max-md:p-0">{person.email}</td>
                <td role="cell" className="py-3 pr-3 max-md:inline max-md:p-0"><span className="md:sr-only">Role: </span>{person.roleLabel}</td>
                <td role="cell" className="py-3 pr-3 max-md:block max-md:p-0">
                  <Badge tone={statusTone[person.status]}>{statusText[person.status]}</Badge>
                  {person.removedAt ? <span className="block text-xs text-muted">on {formatDate(person.removedAt)}</span> : null}
                </td>
                <td role="cell" className="py-2 max-md:block max-md:pt-1">
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
