/** Longest server message kept in an error, in characters. */
export const MAX_MESSAGE_CHARS = 500;

/**
 * Replaces every known secret (and its Base64 and URL-encoded forms) in `text` by `[redacted]`, then
 * truncates. Used on everything that leaves an adapter as text: errors, warnings and log lines.
 */
export function redact(text: string, secrets: readonly string[], maxChars = MAX_MESSAGE_CHARS): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to replace without mangling ordinary text
    for (const form of forms(secret)) out = out.split(form).join('[redacted]');
  }
  // Control characters from server text must not reach a terminal as escape sequences (C1 ones included:
  // U+009B is a one-byte CSI to some terminals), nor bidi overrides reorder it, and a message stays on one
  // line (the CLI prints it as the one-line reason).
  out = out.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
  return out.length > maxChars ? `${out.slice(0, maxChars)}…` : out;
}

function forms(secret: string): string[] {
  const all = new Set([secret, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('base64')]);
  return [...all];
}

/** Builds the list of secret strings for a set of credentials, including the header forms. */
export function secretForms(values: ReadonlyArray<string | undefined>): string[] {
  const out: string[] = [];
  for (const value of values) if (value !== undefined && value !== '') out.push(value);
  return out;
}
