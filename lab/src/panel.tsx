/** One tokenizer panel: counts, the text drawn as grapheme-aligned tokens, and the ids. */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Encoded, TokenDetails } from "./protocol.js";
import { alignSegments } from "./segments.js";

/** Tokens drawn per page: a 1 MB document is never drawn whole (decision 0039). */
export const PAGE_TOKENS = 1000;

export interface PanelProps {
  readonly name: string;
  readonly label: string;
  readonly text: string;
  readonly encoded: Encoded | { error: string } | undefined;
  readonly showWhitespace: boolean;
  readonly showIds: boolean;
  /** Token details by id, filled in as the worker answers. */
  readonly details: ReadonlyMap<number, TokenDetails>;
  readonly wantDetails: (ids: number[]) => void;
  readonly onRemove: () => void;
  /** Boundaries (token ends) that every other panel shares: tokens at others are marked. */
  readonly sharedBoundaries?: ReadonlySet<number>;
}

/** Whitespace made visible: · for a space, → for a tab, ↵ before a line break. */
function visible(s: string): string {
  return s
    .replace(/ /g, "·")
    .replace(/\t/g, "→")
    .replace(/\r?\n/g, (m) => `↵${m}`);
}

function hoverText(
  indices: readonly number[],
  ids: Uint32Array,
  details: ReadonlyMap<number, TokenDetails>,
): string {
  return indices
    .map((i) => {
      const d = details.get(ids[i]);
      return d === undefined
        ? `id ${ids[i]}`
        : `id ${d.id} · ${d.form} · bytes ${d.hex || "none"} · text “${d.text}” · piece “${d.piece}”`;
    })
    .join("\n");
}

export function Panel(props: PanelProps) {
  const { encoded, text } = props;
  const [page, setPage] = useState(0);
  const ok = encoded !== undefined && !("error" in encoded) ? encoded : undefined;
  const count = ok?.ids.length ?? 0;
  const pages = Math.max(1, Math.ceil(count / PAGE_TOKENS));
  const current = Math.min(page, pages - 1);
  const first = current * PAGE_TOKENS;
  const last = Math.min(count, first + PAGE_TOKENS);
  const segments = useMemo(
    () => (ok === undefined ? [] : alignSegments(text, ok.starts, ok.ends, first, last)),
    [ok, text, first, last],
  );
  const bytes = ok?.bytes ?? 0;
  const chars = ok?.codePoints ?? 0;
  useEffect(() => {
    if (ok === undefined) return;
    const missing = new Set<number>();
    for (let i = first; i < last; i++) if (!props.details.has(ok.ids[i])) missing.add(ok.ids[i]);
    if (missing.size > 0) props.wantDetails([...missing]);
  }, [ok, first, last]);

  return (
    <section class="panel" data-tokenizer={props.name} data-encoded-chars={ok?.chars}>
      <header>
        <strong>{props.label}</strong>
        <button type="button" class="remove" title="Remove this panel" onClick={props.onRemove}>
          ×
        </button>
      </header>
      {encoded !== undefined && "error" in encoded ? (
        <p class="error" role="alert">
          {encoded.error}
        </p>
      ) : (
        <>
          <dl class="counts">
            <dt>tokens</dt>
            <dd data-testid="token-count">{ok === undefined ? "…" : String(count)}</dd>
            <dt>characters</dt>
            <dd data-testid="char-count">{chars}</dd>
            <dt>bytes</dt>
            <dd data-testid="byte-count">{bytes}</dd>
            <dt>bytes/token</dt>
            <dd>{count === 0 ? "–" : (bytes / count).toFixed(2)}</dd>
          </dl>
          {pages > 1 && (
            <nav class="pager">
              <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
                ◀
              </button>
              <span>
                tokens {first + 1}–{last} of {count}
              </span>
              <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
                ▶
              </button>
            </nav>
          )}
          {props.showIds ? (
            <pre class="ids" data-testid="ids">
              {ok === undefined ? "" : Array.from(ok.ids.subarray(first, last)).join(", ")}
            </pre>
          ) : (
            <div class="tokens" data-testid="tokens">
              {ok !== undefined &&
                segments.map((seg) => {
                  const shown = text.slice(seg.start, seg.end);
                  const label = props.showWhitespace ? visible(shown) : shown;
                  if (seg.tokens.length === 0) return <span class="uncovered">{label}</span>;
                  const colour = `c${seg.tokens[0] % 6}`;
                  const diff =
                    props.sharedBoundaries !== undefined &&
                    seg.tokens.some((i) => !props.sharedBoundaries?.has(ok.ends[i]));
                  const title = hoverText(seg.tokens, ok.ids, props.details);
                  if (seg.tokens.length === 1) {
                    const i = seg.tokens[0];
                    const empty = seg.start === seg.end;
                    return (
                      <span
                        class={`tok ${colour}${diff ? " diff" : ""}${empty ? " special" : ""}`}
                        data-token-id={ok.ids[i]}
                        title={title}
                      >
                        {empty ? (props.details.get(ok.ids[i])?.piece ?? `#${ok.ids[i]}`) : label}
                      </span>
                    );
                  }
                  // A character split between tokens: one span of the whole text, the tokens as
                  // markers inside it (the split is marked, never drawn as broken bytes).
                  return (
                    <span
                      class={`tok merged ${colour}${diff ? " diff" : ""}`}
                      title={title}
                      data-merged={seg.tokens.length}
                    >
                      {label}
                      {seg.tokens.map((i) => (
                        <span class="part" data-token-id={ok.ids[i]} />
                      ))}
                    </span>
                  );
                })}
            </div>
          )}
          {ok !== undefined && <p class="timing">encoded in {ok.ms.toFixed(1)} ms</p>}
        </>
      )}
    </section>
  );
}
