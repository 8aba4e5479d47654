-- Versions stored as the change from the version before them (lib/versions/storage.ts):
-- full content and text stay on the section's current version and on keyframes only.
-- Existing versions keep their full copies (depth 0, no delta), which is a valid state:
-- the first version stored after this migration is a delta against the current one.

-- AlterTable
ALTER TABLE "SectionVersion" ADD COLUMN     "baseId" TEXT,
ADD COLUMN     "delta" JSONB,
ADD COLUMN     "depth" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "content" DROP NOT NULL,
ALTER COLUMN "text" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "SectionVersion" ADD CONSTRAINT "SectionVersion_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "SectionVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every version stays readable: a full copy (content and text together), or a delta and
-- the base it applies to.
ALTER TABLE "SectionVersion" ADD CONSTRAINT "SectionVersion_full_or_delta" CHECK (
  ("content" IS NULL) = ("text" IS NULL)
  AND ("content" IS NOT NULL OR ("delta" IS NOT NULL AND "baseId" IS NOT NULL))
);
