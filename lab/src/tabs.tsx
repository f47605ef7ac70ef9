/** The lab's tabs other than the token view: compare corpus, chat, budget, train, audit. */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { TopLevelSpec } from "vega-lite";
import {
  auditSpec,
  bytesPerTokenSpec,
  continuedWordsSpec,
  fertilitySpec,
  premiumSpec,
  tokenLengthSpec,
} from "../../src/report/specs.js";
import type { ReportCompare, ReportParity } from "../../src/report/types.js";
import type { PanelState } from "./app.js";
import { LabWorker } from "./client.js";
import type { AuditResult, ChatMessageIn, ChatResult, Chunk } from "./protocol.js";
import { type TrainSettings, trainCommandLine } from "./train.js";

interface TabProps {
  readonly worker: LabWorker;
  readonly panels: readonly PanelState[];
}

/** Offers `content` as a file to save (a blob URL: nothing leaves the page). */
export function download(name: string, content: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A Vega-Lite chart, drawn by vega-embed with Vega's interpreter (no eval under the CSP). */
function Chart({ spec, id }: { spec: TopLevelSpec; id: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let done = false;
    let finalize: (() => void) | undefined;
    void import("vega-embed").then(async ({ default: embed }) => {
      if (done || el.current === null) return;
      const r = await embed(el.current, spec, { actions: false, ast: true, renderer: "svg" });
      finalize = r.finalize;
      el.current?.setAttribute("data-drawn", "true");
    });
    return () => {
      done = true;
      finalize?.();
    };
  }, [spec]);
  return <div class="chart" id={id} ref={el} />;
}

function useError() {
  return useState<string | null>(null);
}

function ErrorLine({ error }: { error: string | null }) {
  return error === null ? null : (
    <p class="error" role="alert">
      {error}
    </p>
  );
}

/** Compare: corpus-level metrics of every panel on a pasted or uploaded corpus, with charts. */
export function CorpusCompare({ worker, panels }: TabProps) {
  const [content, setContent] = useState("");
  const [source, setSource] = useState("pasted.txt");
  const [data, setData] = useState<ReportCompare | null>(null);
  const [error, setError] = useError();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setError(null);
    setRunning(true);
    try {
      setData(await worker.call({ op: "corpus", keys: panels.map((p) => p.key), content, source }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  const specs = useMemo(
    () =>
      data === null
        ? []
        : [
            ["chart-bytes-per-token", bytesPerTokenSpec(data)],
            ["chart-fertility", fertilitySpec(data)],
            ["chart-continued-words", continuedWordsSpec(data)],
            ["chart-token-length", tokenLengthSpec(data)],
          ],
    [data],
  );
  return (
    <section class="tab" data-testid="compare-corpus">
      <h2>Corpus metrics</h2>
      <p>
        Paste a corpus (plain text, or JSONL with <code>text</code> and <code>cat</code> fields) or open a
        file; the differences above mark tokens whose boundaries the other panels do not share.
      </p>
      <textarea value={content} onInput={(e) => setContent((e.target as HTMLTextAreaElement).value)} />
      <input
        type="file"
        onChange={async (e) => {
          const f = (e.target as HTMLInputElement).files?.[0];
          if (f !== undefined) {
            setSource(f.name);
            setContent(await f.text());
          }
        }}
      />
      <button type="button" disabled={running || panels.length === 0 || content === ""} onClick={run}>
        {running ? "measuring…" : "measure"}
      </button>
      <ErrorLine error={error} />
      {data !== null && (
        <>
          <table class="metrics">
            <thead>
              <tr>
                <th>tokenizer</th>
                <th>tokens</th>
                <th>bytes/token</th>
                <th>chars/token</th>
                <th>fertility</th>
                <th>continued words</th>
                <th>Rényi eff.</th>
                <th>NSL</th>
              </tr>
            </thead>
            <tbody>
              {data.tokenizers.map((t) => (
                <tr>
                  <th>{t.name}</th>
                  <td>{t.tokens}</td>
                  <td>{t.bytes_per_token.toFixed(3)}</td>
                  <td>{t.chars_per_token.toFixed(3)}</td>
                  <td>{t.fertility.toFixed(3)}</td>
                  <td>{t.continued_words.toFixed(3)}</td>
                  <td>{t.renyi_efficiency.toFixed(3)}</td>
                  <td>{t.normalized_sequence_length.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="charts">
            {specs.map(([id, spec]) => (
              <Chart id={id as string} spec={spec as TopLevelSpec} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

const ROLES = ["system", "developer", "user", "assistant", "tool"];

/** Chat: a conversation laid out by each panel's chat format, and what the layout costs. */
export function ChatTab({ worker, panels }: TabProps) {
  const [messages, setMessages] = useState<ChatMessageIn[]>([
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "How many tokens is this conversation?" },
  ]);
  const [results, setResults] = useState<Record<string, ChatResult | { error: string }>>({});
  useEffect(() => {
    let stale = false;
    void (async () => {
      const out: Record<string, ChatResult | { error: string }> = {};
      for (const p of panels) {
        try {
          out[p.key] = await worker.call({ op: "chat", key: p.key, messages });
        } catch (e) {
          out[p.key] = { error: (e as Error).message };
        }
      }
      if (!stale) setResults(out);
    })();
    return () => {
      stale = true;
    };
  }, [messages, panels.map((p) => p.key).join(",")]);
  const edit = (i: number, m: Partial<ChatMessageIn>) =>
    setMessages((ms) => ms.map((x, j) => (j === i ? { ...x, ...m } : x)));
  return (
    <section class="tab" data-testid="chat">
      <h2>Chat</h2>
      {messages.map((m, i) => (
        <div class="message">
          <select value={m.role} onChange={(e) => edit(i, { role: (e.target as HTMLSelectElement).value })}>
            {ROLES.map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
          <textarea
            value={m.content}
            onInput={(e) => edit(i, { content: (e.target as HTMLTextAreaElement).value })}
          />
          <button type="button" onClick={() => setMessages((ms) => ms.filter((_, j) => j !== i))}>
            remove
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setMessages((ms) => [...ms, { role: "user", content: "" }])}>
        add message
      </button>
      <table class="metrics">
        <thead>
          <tr>
            <th>tokenizer</th>
            <th>chat tokens</th>
            <th>content tokens</th>
            <th>template overhead</th>
            <th>layout</th>
          </tr>
        </thead>
        <tbody>
          {panels.map((p) => {
            const r = results[p.key];
            return (
              <tr data-tokenizer={p.name}>
                <th>{p.name}</th>
                {r === undefined ? (
                  <td colSpan={4}>…</td>
                ) : "error" in r ? (
                  <td colSpan={4} class="error">
                    {r.error}
                  </td>
                ) : (
                  <>
                    <td data-testid="chat-tokens">{r.tokens}</td>
                    <td>{r.contentTokens}</td>
                    <td data-testid="chat-overhead">{r.overhead}</td>
                    <td>{r.templateSource}</td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {panels.map((p) => {
        const r = results[p.key];
        return r !== undefined && !("error" in r) && r.rendered !== null ? (
          <details class="rendered">
            <summary>{p.name}: the rendered prompt</summary>
            <pre data-testid="chat-rendered">{r.rendered}</pre>
          </details>
        ) : null;
      })}
    </section>
  );
}

/** Budget: the text cut into chunks of at most N tokens, at character boundaries. */
export function BudgetTab({ worker, panels, text }: TabProps & { text: string }) {
  const [key, setKey] = useState(panels[0]?.key ?? "");
  const [max, setMax] = useState(512);
  const [chunks, setChunks] = useState<Chunk[] | null>(null);
  const [error, setError] = useError();
  const chosen = panels.find((p) => p.key === key) ?? panels[0];
  const run = async () => {
    setError(null);
    try {
      setChunks(await worker.call({ op: "budget", key: chosen.key, text, max }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section class="tab" data-testid="budget">
      <h2>Budget</h2>
      <label>
        tokenizer{" "}
        <select value={chosen?.key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)}>
          {panels.map((p) => (
            <option value={p.key}>{p.name}</option>
          ))}
        </select>
      </label>{" "}
      <label>
        at most{" "}
        <input
          type="number"
          min={1}
          data-testid="budget-max"
          value={max}
          onInput={(e) => setMax(Number((e.target as HTMLInputElement).value))}
        />{" "}
        tokens per chunk
      </label>{" "}
      <button type="button" data-testid="budget-run" disabled={chosen === undefined} onClick={run}>
        cut
      </button>
      <ErrorLine error={error} />
      {chunks !== null && (
        <>
          <p>
            {chunks.length} chunks{" "}
            <button
              type="button"
              onClick={() =>
                download(
                  "chunks.jsonl",
                  chunks.map((c, i) => JSON.stringify({ id: i, tokens: c.tokens, text: c.text })).join("\n") +
                    "\n",
                  "application/x-ndjson",
                )
              }
            >
              download chunks.jsonl
            </button>
          </p>
          <ol class="chunks">
            {chunks.slice(0, 200).map((c) => (
              <li data-tokens={c.tokens}>
                <span class="chunk-count">{c.tokens} tokens</span>
                <pre>{c.text}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

const PRESETS = ["gpt2", "cl100k", "o200k", "qwen2", "none"];

/** Train: BPE on pasted text or a file, in its own worker, opened as a panel when done. */
export function TrainTab({ onOpen }: { worker: LabWorker; onOpen: (name: string, json: string) => void }) {
  const [text, setText] = useState("");
  const [settings, setSettings] = useState<TrainSettings>({
    algorithm: "bpe",
    vocabSize: 1000,
    preset: "gpt2",
    numbers: "none",
    specialTokens: [],
    base: "byte",
  });
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<{
    json: string;
    vocabSize: number;
    merges: number;
    algorithm: string;
  } | null>(null);
  const [error, setError] = useError();
  const trainer = useRef<LabWorker | null>(null);
  const set = (s: Partial<TrainSettings>) => setSettings((x) => ({ ...x, ...s }));
  const run = async () => {
    setError(null);
    setResult(null);
    setProgress(0);
    trainer.current?.terminate();
    const w = new LabWorker();
    trainer.current = w;
    try {
      const r = await w.call({ op: "train", text, settings }, (done, total) =>
        setProgress(total === 0 ? 1 : done / total),
      );
      setResult({ ...r, algorithm: settings.algorithm });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
      w.terminate();
      if (trainer.current === w) trainer.current = null;
    }
  };
  return (
    <section class="tab" data-testid="train">
      <h2>Train a BPE or SuperBPE</h2>
      <textarea
        data-testid="train-text"
        placeholder="Training text: each line is a document"
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <input
        type="file"
        onChange={async (e) => {
          const f = (e.target as HTMLInputElement).files?.[0];
          if (f !== undefined) setText(await f.text());
        }}
      />
      <div class="form">
        <label>
          vocabulary size{" "}
          <input
            type="number"
            min={1}
            data-testid="train-vocab"
            value={settings.vocabSize}
            onInput={(e) => set({ vocabSize: Number((e.target as HTMLInputElement).value) })}
          />
        </label>
        <label>
          algorithm{" "}
          <select
            data-testid="train-algorithm"
            value={settings.algorithm}
            onChange={(e) =>
              set({ algorithm: (e.target as HTMLSelectElement).value as TrainSettings["algorithm"] })
            }
          >
            <option value="bpe">BPE</option>
            <option value="superbpe">SuperBPE</option>
          </select>
        </label>
        {settings.algorithm === "superbpe" && (
          <label title="vocabulary size where superword merges begin (default 80%)">
            transition{" "}
            <input
              type="number"
              min={1}
              placeholder={String(Math.round(settings.vocabSize * 0.8))}
              value={settings.transition ?? ""}
              onInput={(e) => {
                const v = (e.target as HTMLInputElement).value;
                set({ transition: v === "" ? undefined : Number(v) });
              }}
            />
          </label>
        )}
        <label>
          pretokenizer{" "}
          <select
            data-testid="train-preset"
            value={settings.preset}
            onChange={(e) => set({ preset: (e.target as HTMLSelectElement).value })}
          >
            {PRESETS.map((p) => (
              <option value={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          numbers{" "}
          <select
            value={settings.numbers}
            onChange={(e) =>
              set({ numbers: (e.target as HTMLSelectElement).value as TrainSettings["numbers"] })
            }
          >
            {["none", "single", "ltr3", "rtl3"].map((p) => (
              <option value={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          base{" "}
          <select
            value={settings.base}
            onChange={(e) => set({ base: (e.target as HTMLSelectElement).value as "byte" | "char" })}
          >
            <option value="byte">byte</option>
            <option value="char">char</option>
          </select>
        </label>
        <label>
          special tokens (comma-separated){" "}
          <input
            value={settings.specialTokens.join(",")}
            onInput={(e) =>
              set({
                specialTokens: (e.target as HTMLInputElement).value.split(",").filter((t) => t !== ""),
              })
            }
          />
        </label>
      </div>
      <p class="command">
        same as <code>{trainCommandLine(settings)}</code>
      </p>
      <button type="button" data-testid="train-run" disabled={text === "" || progress !== null} onClick={run}>
        train
      </button>
      {progress !== null && (
        <>
          <progress data-testid="train-progress" value={progress} max={1} />{" "}
          <button type="button" onClick={() => trainer.current?.terminate()}>
            stop
          </button>
        </>
      )}
      <ErrorLine error={error} />
      {result !== null && (
        <p data-testid="train-done">
          {result.vocabSize} tokens, {result.merges} merges.{" "}
          <button
            type="button"
            data-testid="train-open"
            onClick={() => onOpen(`trained-${result.algorithm}-${result.vocabSize}`, result.json)}
          >
            open as panel
          </button>{" "}
          <button type="button" onClick={() => download("tokenizer.json", result.json)}>
            download tokenizer.json
          </button>
        </p>
      )}
    </section>
  );
}

const CLASS_FILTERS = [
  "all",
  "ok",
  "unreachable_single",
  "unreachable_multi",
  "undecodable",
  "special",
  "partial_utf8",
  "byte_fallback",
  "byte_fallback_duplicates",
  "pretokenizer_unreachable",
];
const AUDIT_ROWS_SHOWN = 500;

interface UdhrData {
  readonly texts: Record<string, string>;
  readonly names: Record<string, string>;
}

let udhr: Promise<UdhrData> | undefined;

/** The UDHR texts, from assets/udhr.js, added as a script on first use (works from file://). */
function loadUdhr(): Promise<UdhrData> {
  udhr ??= new Promise((done, fail) => {
    const script = document.createElement("script");
    script.src = "./assets/udhr.js";
    script.onload = () => {
      const data = (window as unknown as { toklabUdhr?: UdhrData | null }).toklabUdhr;
      if (data) done(data);
      else fail(new Error("this build of the lab has no UDHR texts (the udhr package was missing)"));
    };
    script.onerror = () => fail(new Error("assets/udhr.js is missing from this build of the lab"));
    document.head.append(script);
  });
  udhr.catch(() => (udhr = undefined));
  return udhr;
}

/** UDHR parity of every panel: each language's tokens relative to English, as a chart. */
function Parity({ worker, panels }: TabProps) {
  const [result, setResult] = useState<{ parity: ReportParity[]; names: Record<string, string> } | null>(
    null,
  );
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useError();
  const run = async () => {
    setError(null);
    setProgress("loading the UDHR…");
    try {
      const { texts, names } = await loadUdhr();
      const parity: ReportParity[] = [];
      for (const p of panels) {
        const r = await worker.call({ op: "parity", key: p.key, texts }, (done, total) =>
          setProgress(`${p.name}: ${done}/${total} languages`),
        );
        parity.push({
          tokenizer: p.name,
          source: "udhr",
          reference: r.reference,
          max_unknown: 0.1,
          premiums: r.premiums,
          tokens: r.tokens,
          unknown_char_rate: {},
          excluded: r.excluded,
        });
      }
      setResult({ parity, names });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };
  const spec = useMemo(() => (result === null ? null : premiumSpec(result.parity, result.names)), [result]);
  return (
    <section data-testid="parity">
      <h2>UDHR parity</h2>
      <p>
        Tokens each translation of the Universal Declaration of Human Rights takes, relative to English, for
        every panel (as <code>toklab parity</code>).
      </p>
      <button
        type="button"
        data-testid="parity-run"
        disabled={panels.length === 0 || progress !== null}
        onClick={run}
      >
        measure parity
      </button>{" "}
      {progress}
      <ErrorLine error={error} />
      {result !== null && spec !== null && (
        <>
          <table class="metrics">
            <thead>
              <tr>
                <th>tokenizer</th>
                <th>languages</th>
                <th>median premium</th>
                <th>excluded</th>
              </tr>
            </thead>
            <tbody>
              {result.parity.map((p) => {
                const v = Object.values(p.premiums).sort((a, b) => a - b);
                return (
                  <tr data-tokenizer={p.tokenizer} data-premiums={JSON.stringify(p.premiums)}>
                    <th>{p.tokenizer}</th>
                    <td>{v.length}</td>
                    <td>{(v[Math.floor(v.length / 2)] ?? 0).toFixed(2)}</td>
                    <td>{p.excluded.length}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Chart id="chart-premiums" spec={spec} />
        </>
      )}
    </section>
  );
}

/** Audit: the vocabulary audit as a searchable table, and UDHR parity premiums as a chart. */
export function AuditTab({ worker, panels }: TabProps) {
  const [key, setKey] = useState(panels[0]?.key ?? "");
  const [result, setResult] = useState<AuditResult | null>(null);
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState("all");
  const [running, setRunning] = useState(false);
  const [error, setError] = useError();
  const chosen = panels.find((p) => p.key === key) ?? panels[0];
  const run = async () => {
    setError(null);
    setRunning(true);
    try {
      setResult(await worker.call({ op: "audit", key: chosen.key }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  const rows = useMemo(() => {
    if (result === null) return [];
    const q = query.toLowerCase();
    return result.rows.filter(
      (r) =>
        (filter === "all" || r.classes.includes(filter)) &&
        (q === "" ||
          r.text.toLowerCase().includes(q) ||
          r.piece.toLowerCase().includes(q) ||
          String(r.id) === q),
    );
  }, [result, query, filter]);
  const auditChart = useMemo(() => (result === null ? null : auditSpec([result.audit])), [result]);
  return (
    <section class="tab" data-testid="audit">
      <h2>Vocabulary audit</h2>
      <label>
        tokenizer{" "}
        <select value={chosen?.key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)}>
          {panels.map((p) => (
            <option value={p.key}>{p.name}</option>
          ))}
        </select>
      </label>{" "}
      <button type="button" data-testid="audit-run" disabled={chosen === undefined || running} onClick={run}>
        {running ? "auditing…" : "audit"}
      </button>
      <ErrorLine error={error} />
      {result !== null && (
        <>
          <dl class="counts" data-testid="audit-counts">
            {CLASS_FILTERS.slice(1).map((c) => (
              <>
                <dt>{c}</dt>
                <dd data-class={c}>{(result.audit as unknown as Record<string, number>)[c]}</dd>
              </>
            ))}
          </dl>
          {auditChart !== null && <Chart id="chart-audit" spec={auditChart} />}
          <label>
            search <input value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
          </label>{" "}
          <label>
            class{" "}
            <select value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value)}>
              {CLASS_FILTERS.map((c) => (
                <option value={c}>{c}</option>
              ))}
            </select>
          </label>
          <p data-testid="audit-matches">
            {rows.length} tokens{rows.length > AUDIT_ROWS_SHOWN ? ` (first ${AUDIT_ROWS_SHOWN} shown)` : ""}
          </p>
          <table class="audit" data-testid="audit-table">
            <thead>
              <tr>
                <th>id</th>
                <th>piece</th>
                <th>text</th>
                <th>classes</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, AUDIT_ROWS_SHOWN).map((r) => (
                <tr>
                  <td>{r.id}</td>
                  <td>{r.piece}</td>
                  <td>{JSON.stringify(r.text)}</td>
                  <td>{r.classes.join(" ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Parity worker={worker} panels={panels} />
    </section>
  );
}
