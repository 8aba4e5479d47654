import type { StatusValue } from '@/lib/case-studies/schemas';

export const statusText: Record<StatusValue, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  changes_requested: 'Changes requested',
  accepted: 'Accepted',
  featured: 'Featured',
  declined: 'Declined',
};

const tone: Record<StatusValue, string> = {
  draft: 'border-line bg-stone-100 text-ink',
  submitted: 'border-accent bg-white text-accent-dark',
  changes_requested: 'border-amber-700 bg-amber-50 text-amber-900',
  accepted: 'border-ok bg-green-50 text-ok',
  featured: 'border-ok bg-ok text-white',
  declined: 'border-danger bg-white text-danger',
};

/** The status of a case study in words (never colour alone). */
export function StatusBadge({ status }: { status: StatusValue }) {
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${tone[status]}`}>{statusText[status]}</span>;
}

export function FeaturedBadge() {
  return <span className="inline-block rounded border border-ok bg-ok px-2 py-0.5 text-xs font-semibold text-white">Featured</span>;
}
