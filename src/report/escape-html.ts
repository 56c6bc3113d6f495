import { visibleControls } from './visible.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes untrusted text for HTML (element content and double- or single-quoted attribute values,
 * SVG text included). All five HTML-significant characters are replaced, and invisible control
 * characters are shown as escapes, so a log line is always text and never markup.
 */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}
