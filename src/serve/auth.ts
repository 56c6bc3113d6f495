import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * True when an `Authorization` header carries `Bearer <token>`. The comparison takes the same time
 * whatever the header holds: both sides are hashed to equal-length digests first, so neither the
 * length nor a matching prefix of the token leaks through timing.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  const equal = timingSafeEqual(digest(given), digest(token));
  return match !== null && equal;
}
