/**
 * One PostgreSQL for the whole integration run: the embedded one (or TEST_DATABASE_URL's
 * server), with a template database that has every migration applied. Each test file then
 * gets a fresh copy of the template (tests/integration/setup.ts), so files can run in
 * parallel without seeing each other's rows.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { applyMigrations } from '../../lib/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string;
    testTemplateDatabase: string;
  }
}

export const TEMPLATE = 'chorus_test_template';

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chorus-test-pg-'));
    await chmod(dir, 0o755); // the postgres system user must reach it when we run as root
    const running = await startEmbeddedPostgres({ dir, database: 'postgres', persistent: false, quiet: true });
    adminUrl = running.url;
    stop = async () => {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.query(`create database ${TEMPLATE}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await applyMigrations(templateUrl.toString());

  project.provide('testDatabaseAdminUrl', adminUrl);
  project.provide('testTemplateDatabase', TEMPLATE);
  return stop;
}
