import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/respond';
import { decodeUpload, importResponse } from '@/lib/import/mutations';
import { readUploadJson } from '@/lib/import/upload';

/** POST {fileName, data: base64, title?, consultationName?, consultationUrl?, deadline?, ops?} → 201 the new response. */
export const POST = apiRoute(async ({ request, caller }) => {
  const body = await readUploadJson(request);
  const { fileName, data, ...details } = body;
  const { slug, title, sectionCount } = await importResponse(caller, decodeUpload({ fileName, data }), details);
  return NextResponse.json({ response: { slug, title, sectionCount } }, { status: 201 });
});
