import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/tests/e2e/support/mail';

/** The raw message nodemailer would send over SMTP. */
async function raw(mail: nodemailer.SendMailOptions): Promise<string> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({ from: 'Chorus <chorus@chorus.test>', ...mail });
  return (info.message as Buffer).toString('utf8');
}

describe('[TESTS] the end-to-end mail capture decodes what the app sends', () => {
  it('keeps a long sign-in link whole and undoes quoted-printable escapes', async () => {
    const link = `http://localhost:41234/api/auth/callback/email?callbackUrl=http%3A%2F%2Flocalhost%3A41234%2F&token=${'ab12'.repeat(16)}&email=e2e-member%40chorus.test`;
    const text = `Sign in to Chorus by opening this link (valid for 30 minutes, once):\n\n${link}\n\nIf you did not ask for it, ignore this email — thank you.`;
    const mail = parseMessage(await raw({ to: 'Someone@Chorus.test', subject: 'Your sign-in link for Chorus', text }), ['Someone@Chorus.test']);
    expect(mail.to).toEqual(['someone@chorus.test']);
    expect(mail.subject).toBe('Your sign-in link for Chorus');
    expect(mail.from).toBe('Chorus <chorus@chorus.test>');
    expect(mail.text).toBe(text);
  });

  it('decodes non-ASCII subjects and picks the plain text of a message that also has HTML', async () => {
    const mail = parseMessage(
      await raw({ to: 'a@chorus.test', subject: 'Réponse acceptée: “Section 3”', text: 'Plain words, café.', html: '<p>HTML words</p>' }),
      ['a@chorus.test'],
    );
    expect(mail.subject).toBe('Réponse acceptée: “Section 3”');
    expect(mail.text).toBe('Plain words, café.');
  });
});
