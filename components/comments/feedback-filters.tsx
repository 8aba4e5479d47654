'use client';

import { useId } from 'react';
import type { Filters } from '@/components/comments/feedback-model';

const selectClass = 'rounded-md border border-line bg-white px-2 py-1 text-sm';

/** Filters (open / resolved, comments / suggestions, mine) and sort order for the margin. */
export function FeedbackFilters({ filters, onChange, shown, total }: { filters: Filters; onChange: (filters: Filters) => void; shown: number; total: number }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-2 border-b border-line pb-3">
      <div className="flex flex-wrap items-end gap-3">
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
        <label className="flex items-center gap-1.5 pb-1 text-sm">
          <input type="checkbox" className="h-4 w-4" checked={filters.mine} onChange={(e) => onChange({ ...filters, mine: e.target.checked })} />
          Only mine
        </label>
      </div>
      <p className="text-sm text-muted" aria-live="polite">Showing {shown} of {total}</p>
    </div>
  );
}
