import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI (generate, and `migrate deploy` where the native engine exists).
// The app itself connects through @prisma/adapter-pg (lib/db.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/chorus' },
});
