import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { statusText } from '@/components/case-studies/status-badge';
import { sectionTitle } from '@/lib/format';
import type { StatusValue } from '@/lib/case-studies/schemas';

type Props = {
  action: string;
  sections: { id: string; number: string | null; heading: string }[];
  themes: string[];
  values: { sectionId?: string; theme?: string; status?: string };
  /** Offer a status filter (the moderation queue). */
  statuses?: StatusValue[];
};

/** Filters as a plain GET form: works without JavaScript and keeps the filter in the address. */
export function CaseStudyFilters({ action, sections, themes, values, statuses }: Props) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter case studies" className="mb-6 flex flex-wrap items-end gap-3">
      {statuses ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-status" className="text-sm font-medium">Status</label>
          <select id="filter-status" name="status" defaultValue={values.status ?? ''} className={inputClass}>
            <option value="">Any status</option>
            {statuses.map((status) => <option key={status} value={status}>{statusText[status]}</option>)}
          </select>
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-section" className="text-sm font-medium">Section</label>
        <select id="filter-section" name="section" defaultValue={values.sectionId ?? ''} className={inputClass}>
          <option value="">All sections</option>
          {sections.map((section) => <option key={section.id} value={section.id}>{sectionTitle(section)}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-theme" className="text-sm font-medium">Theme</label>
        <select id="filter-theme" name="theme" defaultValue={values.theme ?? ''} className={inputClass}>
          <option value="">All themes</option>
          {themes.map((theme) => <option key={theme} value={theme}>{theme}</option>)}
        </select>
      </div>
      <button type="submit" className={buttonClass('secondary', 'py-2')}>Filter</button>
    </form>
  );
}
