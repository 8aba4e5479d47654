import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';

const DATABASE_URL = 'postgresql://chorus:chorus@127.0.0.1:5432/chorus';

function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parseEnv accepted the configuration');
}

describe('[CONFIG] parseEnv', () => {
  it('fills in working defaults when only the database is given (npm run dev sets it)', () => {
    const env = parseEnv({ DATABASE_URL });
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL,
      PORT: 3000,
      NEXTAUTH_URL: 'http://localhost:3000',
      COLLAB_PORT: 3001,
      COLLAB_PUBLIC_URL: 'ws://localhost:3001',
      MAIL_FROM: 'Chorus <chorus@localhost>',
    });
    expect(env.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(16);
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('derives the site and collaboration addresses from PORT', () => {
    const env = parseEnv({ DATABASE_URL, PORT: '4100' });
    expect(env).toMatchObject({ PORT: 4100, NEXTAUTH_URL: 'http://localhost:4100', COLLAB_PORT: 4101, COLLAB_PUBLIC_URL: 'ws://localhost:4101' });
  });

  it('treats a variable set to the empty string as not set', () => {
    const env = parseEnv({ DATABASE_URL, SMTP_URL: '', PORT: '' });
    expect(env.PORT).toBe(3000);
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('names DATABASE_URL when it is missing', () => {
    expect(errorOf({})).toMatch(/DATABASE_URL: DATABASE_URL is required/);
  });

  it('names PORT when it is not a port number', () => {
    expect(errorOf({ DATABASE_URL, PORT: 'eighty' })).toMatch(/PORT: PORT must be a port number from 1 to 65535/);
    expect(errorOf({ DATABASE_URL, PORT: '70000' })).toMatch(/PORT: PORT must be a port number/);
  });

  it('names DATABASE_URL when it is not a postgresql:// URL', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://localhost/chorus' })).toMatch(/DATABASE_URL: DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(errorOf({ DATABASE_URL: 'not a url' })).toMatch(/DATABASE_URL must be a postgresql:\/\/ URL/);
  });

  it('refuses production without NEXTAUTH_SECRET, naming it', () => {
    const message = errorOf({ DATABASE_URL, NODE_ENV: 'production' });
    expect(message).toMatch(/^Chorus cannot start/);
    expect(message).toMatch(/NEXTAUTH_SECRET: NEXTAUTH_SECRET is required in production/);
    expect(parseEnv({ DATABASE_URL, NODE_ENV: 'production', NEXTAUTH_SECRET: 'a-long-enough-production-secret', SMTP_URL: 'smtp://mail.example.org:587' }).NEXTAUTH_SECRET).toBe('a-long-enough-production-secret');
  });

  it('refuses production without SMTP_URL, unless the operator opts in to log-only mail', () => {
    const production = { DATABASE_URL, NODE_ENV: 'production', NEXTAUTH_SECRET: 'a-long-enough-production-secret' };
    const message = errorOf(production);
    expect(message).toMatch(/SMTP_URL: SMTP_URL is required in production/);
    expect(message).toContain('CHORUS_MAIL_LOG_ONLY=1');
    expect(errorOf({ ...production, CHORUS_MAIL_LOG_ONLY: '0' })).toMatch(/SMTP_URL is required in production/);
    expect(errorOf({ ...production, CHORUS_MAIL_LOG_ONLY: 'yes' })).toMatch(/CHORUS_MAIL_LOG_ONLY must be 1/);
    expect(parseEnv({ ...production, CHORUS_MAIL_LOG_ONLY: '1' }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...production, SMTP_URL: 'smtp://mail.example.org:587' }).SMTP_URL).toBe('smtp://mail.example.org:587');
    // Development needs neither.
    expect(parseEnv({ DATABASE_URL }).SMTP_URL).toBeUndefined();
  });

  it('lists every bad variable at once', () => {
    const message = errorOf({ DATABASE_URL: 'nope', PORT: '0', NODE_ENV: 'production' });
    expect(message).toContain('DATABASE_URL:');
    expect(message).toContain('PORT:');
    expect(message).toContain('NEXTAUTH_SECRET:');
  });
});
