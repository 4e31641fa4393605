/**
 * Escaping for the one self-contained HTML file: text and attribute values in markup, JSON inside a
 * `<script type="application/json">` block, and inlined script source. A script element ends at the
 * first `</script` whatever the JavaScript around it means, so the JSON's `<`, `>` and `&` become
 * `\u003c`-style escapes (still the same JSON), and so do U+2028/U+2029, which older parsers refuse
 * inside strings.
 */
import { invariant } from '../../../sim/index.ts';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, safe between tags and inside double or single quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON that cannot end or confuse the script element holding it; `JSON.parse` gives `value` back. */
export function jsonForScript(value: unknown): string {
  // Outside strings JSON holds none of these characters, so every replacement lands inside a string literal.
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => JSON_ESCAPES[character]);
}

/**
 * Script source to inline verbatim. Rewriting minified code is unsafe, so a source that could end its
 * element early (`</script`) or open an HTML comment (`<!--`) is refused rather than patched.
 */
export function inlineScript(source: string, name: string): string {
  invariant(!/<\/script|<!--/i.test(source), `${name} contains </script or <!-- and cannot be inlined as is`);
  return source;
}
