import type { PresentPerson } from '@/lib/collab/presence';

/** "Here now": the people in this section, each with their caret colour and whether they are editing. */
export function PresenceList({ people, label = 'Here now' }: { people: Omit<PresentPerson, 'id'>[]; label?: string }) {
  if (!people.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="text-muted">{label}:</span>
      <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label={label}>
        {people.map((person, i) => (
          <li key={`${person.name}-${i}`} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-2.5 rounded-full" style={{ backgroundColor: person.colour }} />
            <span>
              {person.name} <span className="text-muted">({person.mode})</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
