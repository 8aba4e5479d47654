import { apiRoute } from '@/lib/api/respond';
import { decodeUpload, previewImport } from '@/lib/import/mutations';
import { readUploadJson } from '@/lib/import/upload';

/** POST {fileName, data: base64} → the sections Chorus would create, without creating anything. */
export const POST = apiRoute(async ({ request, caller }) => {
  const preview = await previewImport(caller, decodeUpload(await readUploadJson(request)));
  return { preview };
});
