import { describe, expect, it } from 'vitest';
import { safeRedirect } from '@/lib/auth/options';

const base = 'http://localhost:3000';

describe('[AUTH] sign-in redirects stay on this site', () => {
  it('keeps a relative path on this site', () => {
    expect(safeRedirect('/responses/covenant?x=1#s2', base)).toBe(`${base}/responses/covenant?x=1#s2`);
  });

  it('keeps an absolute URL of this origin', () => {
    expect(safeRedirect(`${base}/settings`, base)).toBe(`${base}/settings`);
  });

  it('sends an absolute URL of another origin home instead', () => {
    expect(safeRedirect('https://evil.example/phish', base)).toBe(base);
    expect(safeRedirect('http://localhost:3001/', base)).toBe(base);
    expect(safeRedirect('https://localhost:3000/', base)).toBe(base);
  });

  it('sends protocol-relative addresses (//evil.com, /\\evil.com) home', () => {
    expect(safeRedirect('//evil.com', base)).toBe(base);
    expect(safeRedirect('//evil.com/path', base)).toBe(base);
    expect(safeRedirect('/\\evil.com', base)).toBe(base);
  });

  it('sends javascript: and other schemes home', () => {
    expect(safeRedirect('javascript:alert(1)', base)).toBe(base);
    expect(safeRedirect('JavaScript:alert(document.cookie)', base)).toBe(base);
    expect(safeRedirect('data:text/html,<script>alert(1)</script>', base)).toBe(base);
  });

  it('sends anything that is not a URL home', () => {
    expect(safeRedirect('not a url', base)).toBe(base);
    expect(safeRedirect('', base)).toBe(base);
  });
});
