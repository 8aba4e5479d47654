/**
 * `npm run db:migrate` applies pending migrations; `npm run db:migration -- <name>` writes
 * the next migration from prisma/schema.prisma. Both work offline (WASM schema engine).
 */
import { openDatabase } from '@/lib/cli/database';
import { runCommand } from '@/lib/cli/exit';
import { applyMigrations, createMigration } from '@/lib/db/migrate';

const [command, name] = process.argv.slice(2);

async function main() {
  if (command !== 'migrate' && command !== 'migration') throw new Error('Usage: db.ts migrate | migration <name>');
  if (command === 'migration' && !/^[A-Za-z0-9_]+$/.test(name ?? '')) {
    throw new Error('Name the migration: npm run db:migration -- add_comment_flags (letters, digits and _)');
  }
  const database = await openDatabase({ quiet: true });
  try {
    if (command === 'migrate') {
      const applied = await applyMigrations(database.url);
      console.info(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } else {
      await applyMigrations(database.url);
      const folder = await createMigration(database.url, name);
      console.info(folder ? `Created prisma/migrations/${folder}/migration.sql` : 'The schema and the migrations already agree: no migration needed.');
      if (folder) console.info(`Applied: ${(await applyMigrations(database.url)).join(', ')}`);
    }
  } finally {
    await database.stop();
  }
}

runCommand(main);
