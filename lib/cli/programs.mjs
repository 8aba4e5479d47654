// Chorus's own Node programs, by name: `npm run build` compiles each into dist/<name>.mjs
// (lib/cli/build.mjs), and lib/cli/run.mjs runs one by its name.
export const PROGRAMS = {
  /** The launcher of `npm run dev` and `npm start`; it starts the next three. */
  serve: 'lib/cli/serve.ts',
  web: 'lib/cli/web.ts',
  'collab-server': 'lib/collab/server.ts',
  worker: 'lib/worker/main.ts',
  /** The operator's command line (`npm run chorus`). */
  chorus: 'lib/cli/chorus.ts',
  /** `npm run db:migrate` and `npm run db:migration`. */
  db: 'lib/cli/db.ts',
};
