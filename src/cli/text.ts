/** Plain-text layout for the CLI's messages and help. */

/** The width text is wrapped to. */
export const WIDTH = 100;

/**
 * `text` wrapped to `width` columns, every line indented by `indent` spaces.
 *
 * @example
 * wrap("a b c", 2, 5); // "  a b\n  c"
 */
export function wrap(text: string, indent: number, width = WIDTH): string {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line !== "" && indent + line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line === "" ? w : `${line} ${w}`;
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => " ".repeat(indent) + l).join("\n");
}
