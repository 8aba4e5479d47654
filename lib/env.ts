/**
 * The only reader of process.env for the web app and the collaboration server.
 * Read once, validated with zod; a missing or bad variable stops the process with a
 * message naming it. Defaults make `npm run dev` work with no configuration at all.
 */
import { z } from 'zod';

const port = (name: string) => {
  const message = `${name} must be a port number from 1 to 65535`;
  return z.coerce.number({ error: message }).int(message).min(1, message).max(65535, message);
};

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string({ error: 'DATABASE_URL is required (npm run dev and npm start set it for you)' })
      .url('DATABASE_URL must be a postgresql:// URL')
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'DATABASE_URL must be a postgresql:// URL'),
    PORT: port('PORT').default(3000),
    NEXTAUTH_URL: z.string().url('NEXTAUTH_URL must be the absolute URL of the site').optional(),
    NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters').optional(),
    SMTP_URL: z.string().url('SMTP_URL must look like smtp://user:pass@host:587').optional(),
    MAIL_FROM: z.string().default('Chorus <chorus@localhost>'),
    /**
     * Production without SMTP: the operator's explicit choice to send no mail at all and only
     * log who would have been mailed what subject (never the text: it may hold a sign-in link).
     */
    CHORUS_MAIL_LOG_ONLY: z.enum(['0', '1'], { error: 'CHORUS_MAIL_LOG_ONLY must be 1 (or 0)' }).optional(),
    COLLAB_PORT: port('COLLAB_PORT').optional(),
    /** Address browsers and programs use to reach the collaboration server. */
    COLLAB_PUBLIC_URL: z.string().url('COLLAB_PUBLIC_URL must be a ws:// or wss:// URL').optional(),
    /** The domain of reply addresses (reply+<token>@<domain>); default: the host of NEXTAUTH_URL. */
    CHORUS_MAIL_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+\.?[a-z0-9-]*$/i, 'CHORUS_MAIL_DOMAIN must be a domain name, e.g. chorus.example.org')
      .optional(),
    /** Port of Chorus's own SMTP server for replies by email (default in development: PORT + 2; in production: off unless set). */
    CHORUS_INBOUND_SMTP_PORT: port('CHORUS_INBOUND_SMTP_PORT').optional(),
    /** Set to run collaboration on several processes or machines (they share live documents through Redis). */
    REDIS_URL: z
      .string()
      .url('REDIS_URL must look like redis://host:6379')
      .refine((value) => /^rediss?:\/\//.test(value), 'REDIS_URL must look like redis://host:6379')
      .optional(),
    /** Web server processes behind the one port (npm start; default: one per core). npm run dev always runs one. */
    WEB_CONCURRENCY: z.coerce
      .number({ error: 'WEB_CONCURRENCY must be a whole number of processes from 1 to 64' })
      .int('WEB_CONCURRENCY must be a whole number of processes from 1 to 64')
      .min(1, 'WEB_CONCURRENCY must be a whole number of processes from 1 to 64')
      .max(64, 'WEB_CONCURRENCY must be a whole number of processes from 1 to 64')
      .optional(),
  })
  .superRefine((env, ctx) => {
    // Judged on the configuration being parsed, not on this module's own process.
    if (env.NODE_ENV === 'production' && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['NEXTAUTH_SECRET'], message: 'NEXTAUTH_SECRET is required in production' });
    }
    // Without SMTP, sign-in links would have nowhere to go but the server's log, which is no
    // place for a live credential. Running without mail must be a deliberate choice.
    if (env.NODE_ENV === 'production' && !env.SMTP_URL && env.CHORUS_MAIL_LOG_ONLY !== '1') {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message: 'SMTP_URL is required in production, to send sign-in links (or set CHORUS_MAIL_LOG_ONLY=1 to run without sending mail: it is logged without its text)',
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  NEXTAUTH_URL: string;
  CHORUS_MAIL_DOMAIN: string;
  NEXTAUTH_SECRET: string;
  COLLAB_PORT: number;
  COLLAB_PUBLIC_URL: string;
};

/** Validates `source` and fills in the derived defaults; throws one message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // A variable set to the empty string (`SMTP_URL=` in a shell or .env) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new Error(`Chorus cannot start: the configuration is not valid.\n${lines.join('\n')}`);
  }
  const env = result.data;
  const collabPort = env.COLLAB_PORT ?? env.PORT + 1;
  const siteUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    NEXTAUTH_URL: siteUrl,
    // Development only: a fixed secret so sessions survive restarts. Production refuses above.
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? 'chorus-development-secret-not-for-production',
    COLLAB_PORT: collabPort,
    COLLAB_PUBLIC_URL: env.COLLAB_PUBLIC_URL ?? `ws://${new URL(siteUrl).hostname}:${collabPort}`,
    CHORUS_MAIL_DOMAIN: (env.CHORUS_MAIL_DOMAIN ?? new URL(siteUrl).hostname).toLowerCase(),
    CHORUS_INBOUND_SMTP_PORT: env.CHORUS_INBOUND_SMTP_PORT ?? (env.NODE_ENV === 'production' ? undefined : env.PORT + 2),
  };
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
