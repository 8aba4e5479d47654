'use client';

import { useState, type ReactNode } from 'react';
import { DecisionForm } from '@/components/case-studies/decision-form';
import type { ActionState } from '@/lib/api/action';
import { decisionLabels } from '@/lib/case-studies/policy';
import { cardClass } from '@/components/ui/card';

type Item = {
  id: string;
  title: string;
  /** The full record, rendered on the server. */
  record: ReactNode;
  decide: (state: ActionState<{ id: string; status: string }>, form: FormData) => Promise<ActionState<{ id: string; status: string }>>;
};

/**
 * The queue's list with a decision form under each case study. A decided case study may
 * leave the filtered list at once, so the confirmation is announced above the list,
 * where it survives the refresh.
 */
export function ModerationQueue({ items }: { items: Item[] }) {
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <p role="status" className="mb-4 text-sm font-medium text-ok">{announcement}</p>
      <ol className="flex flex-col gap-6">
        {items.map((item) => (
          <li key={item.id} className={cardClass()}>
            {item.record}
            <div className="mt-4 border-t border-line pt-4">
              <DecisionForm
                caseStudyId={item.id}
                title={item.title}
                action={item.decide}
                onDecided={(decision) => setAnnouncement(`Recorded “${decisionLabels[decision]}” for “${item.title}”. The submitter has been notified.`)}
              />
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
