/**
 * Tokens shown to a person: whitespace made visible, the tokens of one split character grouped
 * (src/analyze/token-groups.ts) and marked with their number, alternating background colours on
 * a terminal. Colour follows the usual conventions: on when the stream is a terminal, off when
 * `NO_COLOR` is set, on when `FORCE_COLOR` is set (and not `0`).
 */
import type { TokenGroup } from "../analyze/token-groups.js";

/** Whether to colour output written to `stream`. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

const VISIBLE: Readonly<Record<string, string>> = { " ": "·", "\t": "⇥", "\n": "↵", "\r": "␍" };

/**
 * `text` with spaces, tabs, newlines and other control characters drawn (`·`, `⇥`, `↵`, `␍`,
 * and the control pictures U+2400.. for the rest).
 *
 * @example
 * visibleWhitespace("a b\tc\n"); // "a·b⇥c↵"
 */
export function visibleWhitespace(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f ]/g, (c) => {
    const shown = VISIBLE[c];
    if (shown !== undefined) return shown;
    return c === "\u007f" ? "␡" : String.fromCharCode(0x2400 + c.charCodeAt(0));
  });
}

const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";

/** `n` in subscript digits: the mark of a character split into `n` tokens. */
function subscript(n: number): string {
  return String(n)
    .split("")
    .map((d) => SUBSCRIPT[Number(d)])
    .join("");
}

// Light backgrounds (xterm-256) under black text, readable on dark and light terminals.
const BACKGROUNDS = [153, 223, 194, 217, 189, 230, 159, 225];
const SPECIAL_BACKGROUND = 250;

function paint(text: string, index: number, group: TokenGroup, color: boolean): string {
  if (!color) return text;
  const bg = group.special ? SPECIAL_BACKGROUND : BACKGROUNDS[index % BACKGROUNDS.length];
  const style = `\x1b[38;5;16;48;5;${bg}${group.split ? ";4" : ""}${group.special ? ";1" : ""}m`;
  // Colour stops at each line end, so the background does not run to the terminal's edge.
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : `${style}${line}\x1b[0m`))
    .join("\n");
}

/**
 * The text cut into its tokens: each group's text with visible whitespace (a newline drawn `↵`
 * and kept, so lines stay lines), split characters followed by their token count (`🐍₃`);
 * coloured, or without colour separated by `|`.
 *
 * @example
 * renderPieces(groups, false); // "hello|·world|🐍₃"
 */
export function renderPieces(groups: readonly TokenGroup[], color: boolean): string {
  const pieces = groups.map((g, i) => {
    const mark = g.split ? subscript(g.ids.length) : "";
    const shown = visibleWhitespace(g.text).replace(/↵/g, "↵\n");
    return paint(shown, i, g, color) + (color && mark !== "" ? `\x1b[2m${mark}\x1b[0m` : mark);
  });
  return color ? pieces.join("") : pieces.join("|").replace(/\n\|/g, "\n");
}

/**
 * One line per group: its id(s), then its text with visible whitespace; a split character says
 * how many tokens it took.
 *
 * @example
 * renderTokenLines(groups, false); // "24912      hello\n2375       ·world\n139749 235 🐍  (2 tokens split a character)"
 */
export function renderTokenLines(groups: readonly TokenGroup[], color: boolean): string {
  const ids = groups.map((g) => g.ids.join(" "));
  const width = Math.min(24, Math.max(0, ...ids.map((s) => s.length)));
  return groups
    .map((g, i) => {
      const note = g.split ? `  (${g.ids.length} tokens split a character)` : g.special ? "  (special)" : "";
      return `${ids[i].padEnd(width)}  ${paint(visibleWhitespace(g.text), i, g, color)}${note}`;
    })
    .join("\n");
}
