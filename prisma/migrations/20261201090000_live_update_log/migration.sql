-- CreateTable
CREATE TABLE "SectionUpdate" (
    "id" BIGSERIAL NOT NULL,
    "sectionId" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SectionUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollabPresence" (
    "nodeId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollabPresence_pkey" PRIMARY KEY ("nodeId","sectionId","userId")
);

-- CreateIndex
CREATE INDEX "SectionUpdate_sectionId_id_idx" ON "SectionUpdate"("sectionId", "id");

-- CreateIndex
CREATE INDEX "CollabPresence_sectionId_expiresAt_idx" ON "CollabPresence"("sectionId", "expiresAt");

-- AddForeignKey
ALTER TABLE "SectionUpdate" ADD CONSTRAINT "SectionUpdate_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
