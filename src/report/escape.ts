/**
 * Escaping for the three contexts a report writes into: HTML text and attributes, JSON inside a
 * `<script>` element, and JavaScript source inside a `<script>` element.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * escapeHtml(`<b title="x">&`); // "&lt;b title=&quot;x&quot;&gt;&amp;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` become `\u003c`,
 * `\u003e`, `\u0026` (still the same JSON value), so no string in the data can close the element
 * (`</script>`) or open an HTML comment (`<!--`). U+2028 and U+2029 are escaped as well, so the
 * text is also a valid JavaScript literal.
 *
 * @example
 * jsonForScript({ name: "</script>" }); // '{"name":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error("jsonForScript: the value has no JSON form");
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * JavaScript source that is safe inside a `<script>` element: the `<` of every `</script` and
 * `<!--` (the two sequences that change how HTML parses script text) becomes `\x3C`. Both can
 * only occur inside string, template or regular-expression literals or comments, where `\x3C`
 * means the same `<` (or does not matter), so the program is unchanged.
 *
 * @example
 * scriptForInline('s = "</script>"'); // 's = "\\x3C/script>"'
 */
export function scriptForInline(source: string): string {
  return source.replace(/<(?=\/script|!--)/gi, "\\x3C");
}
