-- CreateEnum
CREATE TYPE "EmailFrequency" AS ENUM ('IMMEDIATE', 'DAILY', 'WEEKLY');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailFrequency" "EmailFrequency" NOT NULL DEFAULT 'IMMEDIATE',
ADD COLUMN     "lastDigestAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DevMailMessage" ADD COLUMN     "replyTo" TEXT;

-- CreateTable
CREATE TABLE "ReplyToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "threadId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplyToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestDelivery" (
    "userId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestDelivery_pkey" PRIMARY KEY ("userId","period")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplyToken_tokenHash_key" ON "ReplyToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ReplyToken_userId_idx" ON "ReplyToken"("userId");

-- AddForeignKey
ALTER TABLE "ReplyToken" ADD CONSTRAINT "ReplyToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
