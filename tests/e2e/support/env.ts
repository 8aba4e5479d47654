/** What global setup tells the tests about this run (set as environment variables in the runner, inherited by workers). */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run end-to-end tests with \`npx playwright test\`, whose global setup sets it`);
  return value;
}

export const e2eEnv = {
  /** The app under test, e.g. http://localhost:41234. */
  get baseUrl() {
    return required('E2E_BASE_URL');
  },
  /** The run's own database (migrated, demo loaded). */
  get databaseUrl() {
    return required('E2E_DATABASE_URL');
  },
  /** JSON lines, one per message the app sent over SMTP. */
  get mailFile() {
    return required('E2E_MAIL_FILE');
  },
  /** The run's temporary directory (app.log, build.log, mail.jsonl). */
  get runDir() {
    return required('E2E_RUN_DIR');
  },
  get collabPort() {
    return Number(required('E2E_COLLAB_PORT'));
  },
};
