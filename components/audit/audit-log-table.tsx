import { auditActionLabel, auditDetails } from '@/lib/audit-labels';
import { formatDateTime } from '@/lib/format';
import type { AuditRow } from '@/lib/people/queries';

const targetTypeNames: Record<string, string> = { user: 'Person', response: 'Response', section: 'Section', apiToken: 'API token', comment: 'Comment', suggestion: 'Suggestion', 'case-study': 'Case study' };

function targetText(target: AuditRow['target']): string {
  if (!target) return '—';
  const type = targetTypeNames[target.type] ?? target.type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  // No raw ids: they mean nothing to a reader.
  return target.label ? `${type}: ${target.label}` : type;
}

/** One page of the audit log: when, who, what, to what, and a line of detail. */
export function AuditLogTable({ events }: { events: AuditRow[] }) {
  return (
    <div className="overflow-x-auto" role="region" aria-label="Table of audit events (scrolls sideways on small screens)" tabIndex={0}>
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-2 pr-3">When</th>
            <th scope="col" className="pr-3">Who</th>
            <th scope="col" className="pr-3">What</th>
            <th scope="col" className="pr-3">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-b border-line align-top">
              <td className="py-2 pr-3 whitespace-nowrap"><time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time></td>
              <td className="py-2 pr-3">
                {event.actor ? (
                  <>
                    {event.actor.name ?? event.actor.email}
                    {event.actor.name ? <span className="block text-xs text-muted [overflow-wrap:anywhere]">{event.actor.email}</span> : null}
                  </>
                ) : (
                  <span className="text-muted">Chorus (operator or system)</span>
                )}
              </td>
              <td className="py-2 pr-3">{auditActionLabel(event.action)}<span className="block text-xs text-muted"><code>{event.action}</code></span></td>
              <td className="py-2 pr-3 break-words">{targetText(event.target)}</td>
              <td className="py-2 break-words text-muted">{auditDetails(event.data, event.names)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
