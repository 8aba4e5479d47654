/**
 * Which link targets a section may contain: http, https and mailto only. Anything else
 * (javascript:, data:, vbscript:, relative paths, file:) is dropped on paste in the editor
 * and stripped on the server before content is stored. Pure: used by the editor and the server.
 */

const ALLOWED_LINK = /^(https?:\/\/|mailto:)[^\s\u0000-\u001f]*$/i;

/** True for an absolute http(s) or mailto URL without whitespace or control characters. */
export function isAllowedHref(href: unknown): href is string {
  return typeof href === 'string' && href.length <= 2048 && ALLOWED_LINK.test(href.trim()) && href.trim() === href;
}
