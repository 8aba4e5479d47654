import { apiRoute } from '@/lib/api/respond';
import { getSection } from '@/lib/sections/queries';

export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => {
  const section = await getSection(caller, params.id);
  return {
    section: {
      id: section.id,
      number: section.number,
      heading: section.heading,
      text: section.text,
      content: section.content,
      versionId: section.versionId,
      responseSlug: section.responseSlug,
      collab: section.collab,
    },
  };
});
