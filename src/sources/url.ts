import { UsageError } from '../errors/UsageError.js';
import { label } from './stream.js';
import type { SourcePlatform } from './types.js';

/**
 * Parses a base URL; userinfo (`https://user:pass@host`) is taken out, because Node's fetch would put it
 * in an error message. Returns the clean URL and the userinfo, if any.
 */
export function parseBaseUrl(url: string, platform: SourcePlatform): { url: URL; username?: string; password?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`the ${label(platform)} URL is not a valid absolute URL`, 'E_USAGE');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UsageError(`the ${label(platform)} URL must use http or https`, 'E_USAGE');
  }
  let username: string;
  let password: string;
  try {
    username = decodeURIComponent(parsed.username);
    password = decodeURIComponent(parsed.password);
  } catch {
    throw new UsageError(`the ${label(platform)} URL has badly encoded credentials`, 'E_USAGE');
  }
  const clean = new URL(`${parsed.origin}${parsed.pathname}`);
  return { url: clean, ...(username === '' ? {} : { username }), ...(password === '' ? {} : { password }) };
}

/** `Basic base64(user:password)`. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** The redirect target's origin and path only: no userinfo, no query (which may hold tokens). */
export function safeLocation(location: string | null, base: URL): string {
  if (location === null) return 'an unspecified location';
  try {
    const target = new URL(location, base);
    return `${target.origin}${target.pathname}`;
  } catch {
    return 'an invalid location';
  }
}
