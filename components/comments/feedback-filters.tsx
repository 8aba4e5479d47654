'use client';

import { useId } from 'react';
import type { Filters } from '@/components/comments/feedback-model';
import { selectClass } from '@/components/ui/select';


/**
 * Filters (open / resolved, comments / suggestions, mine) and sort order for the margin,
 * folded away behind one line (they are used now and then; the cards are what people read),
 * with how many cards show and what the filters are set to when they are not the default.
 */
export function FeedbackFilters({ filters, onChange, shown, total }: { filters: Filters; onChange: (filters: Filters) => void; shown: number; total: number }) {
  const id = useId();
  const changed = filters.status !== 'open' || filters.kind !== 'all' || filters.mine || filters.sort !== 'position';
  return (
    <div className="flex flex-col gap-2">
      <details className="group rounded-lg border border-line bg-white">
        <summary className="flex min-h-10 cursor-pointer items-center justify-between gap-2 px-3 py-2 text-sm font-medium">
          <span>Filter and sort{changed ? <span className="font-normal text-muted"> (changed)</span> : null}</span>
          <span aria-hidden="true" className="text-muted transition-transform group-open:rotate-180">▾</span>
        </summary>
      <div className="flex flex-wrap items-end gap-3 border-t border-line p-3">
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-status`} className="text-xs font-medium text-muted">Show</label>
          <select id={`${id}-status`} className={selectClass} value={filters.status} onChange={(e) => onChange({ ...filters, status: e.target.value as Filters['status'] })}>
            <option value="open">Open</option>
            <option value="resolved">Resolved and decided</option>
            <option value="all">All</option>
          </select>
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-kind`} className="text-xs font-medium text-muted">Kind</label>
          <select id={`${id}-kind`} className={selectClass} value={filters.kind} onChange={(e) => onChange({ ...filters, kind: e.target.value as Filters['kind'] })}>
            <option value="all">Comments and suggestions</option>
            <option value="comments">Comments</option>
            <option value="suggestions">Suggestions</option>
          </select>
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-sort`} className="text-xs font-medium text-muted">Sort by</label>
          <select id={`${id}-sort`} className={selectClass} value={filters.sort} onChange={(e) => onChange({ ...filters, sort: e.target.value as Filters['sort'] })}>
            <option value="position">Position in the text</option>
            <option value="agreement">Most agreed</option>
            <option value="newest">Newest</option>
          </select>
        </div>
        <label className="flex min-h-9 items-center gap-2 text-sm">
          <input type="checkbox" className="size-5" checked={filters.mine} onChange={(e) => onChange({ ...filters, mine: e.target.checked })} />
          Only mine
        </label>
      </div>
      </details>
      <p className="text-sm text-muted" aria-live="polite">Showing {shown} of {total}</p>
    </div>
  );
}
