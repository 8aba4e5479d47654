import { apiRoute } from '@/lib/api/respond';
import { getVersion } from '@/lib/versions/queries';

/** GET: one version of a section — its text, editor content, authors and time. */
export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => {
  const version = await getVersion(caller, params.id);
  return {
    id: version.id,
    sectionId: version.sectionId,
    text: version.text,
    content: version.content,
    createdAt: version.createdAt,
    authors: version.authors,
    label: version.label,
    source: version.source,
    restoredFromId: version.restoredFromId,
  };
});
