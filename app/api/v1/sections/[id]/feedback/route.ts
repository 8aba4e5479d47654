import { apiRoute } from '@/lib/api/respond';
import { getMergeSection } from '@/lib/merge/queries';

/** GET → every piece of feedback on the section with its disposition, in merge order, and the progress. */
export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => {
  const { items, progress } = await getMergeSection(caller, params.id);
  return { feedback: items, progress };
});
