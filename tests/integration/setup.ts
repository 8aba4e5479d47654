/**
 * Runs before each integration test file: creates this file's own database from the
 * migrated template and points the app's DATABASE_URL at it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

const adminUrl = inject('testDatabaseAdminUrl');
const template = inject('testTemplateDatabase');
const name = `chorus_test_${randomBytes(6).toString('hex')}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name} template ${template}`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.NEXTAUTH_URL ??= 'http://localhost:3000';

afterAll(async () => {
  const { db } = await import('@/lib/db');
  await db().$disconnect();
});
