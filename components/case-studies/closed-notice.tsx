import { TextLink } from '@/components/ui/link';
import { cardClass } from '@/components/ui/card';

/** Shown instead of the form once the response no longer takes case studies. */
export function ClosedNotice({ reason, slug }: { reason: string; slug: string }) {
  return (
    <div className={cardClass()}>
      <p className="font-medium">{reason}</p>
      <p className="mt-2 text-sm">
        <TextLink href={`/responses/${slug}/case-studies`}>See the case studies already accepted</TextLink>
      </p>
    </div>
  );
}
