/**
 * The lab: a text, tokenizer panels side by side, and the tabs (view, compare, chat, budget,
 * train, audit). State that fits a link (built-in encodings, text, tab) is kept in the URL.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ENCODING_NAMES } from "../../src/encodings/spec.js";
import { LabWorker } from "./client.js";
import { Panel } from "./panel.js";
import type { Encoded, TokenDetails, TokenizerSource, TokenizerSummary } from "./protocol.js";
import { AuditTab, BudgetTab, ChatTab, CorpusCompare, TrainTab } from "./tabs.js";
import { formatState, MODES, type Mode, parseState } from "./url-state.js";

/** A panel's tokenizer as the page tracks it. */
export interface PanelState {
  readonly key: string;
  readonly name: string;
  readonly builtin: boolean;
  readonly summary?: TokenizerSummary;
  readonly error?: string;
}

/** Above this many characters the text stays out of the URL (a link is not a document store). */
const MAX_URL_TEXT = 4000;

let nextKey = 1;

export function App() {
  const initial = useMemo(() => parseState(location.search), []);
  const worker = useMemo(() => new LabWorker(), []);
  const [panels, setPanels] = useState<PanelState[]>([]);
  const [text, setText] = useState(initial.text);
  const [mode, setMode] = useState<Mode>(initial.mode);
  const [special, setSpecial] = useState(false);
  const [showWhitespace, setShowWhitespace] = useState(false);
  const [showIds, setShowIds] = useState(false);
  // The encodings and the text they are of: panels draw that text, so a keystroke re-renders
  // them once, when its encoding arrives, not also when the text changes.
  const [encoded, setEncoded] = useState<{
    text: string;
    results: Record<string, Encoded | { error: string }>;
  }>({
    text: "",
    results: {},
  });
  const encodings = encoded.results;
  const [details, setDetails] = useState<Map<string, Map<number, TokenDetails>>>(new Map());
  const [notice, setNotice] = useState<string | null>(
    initial.ignored.length > 0 ? `not built-in encodings, left out: ${initial.ignored.join(", ")}` : null,
  );
  const busy = useRef(false);
  const queued = useRef(false);
  const latest = useRef({ text, panels, special });
  latest.current = { text, panels, special };

  const addPanel = useCallback(
    async (source: TokenizerSource) => {
      const key = `p${nextKey++}`;
      const name = source.name;
      setPanels((ps) => [...ps, { key, name, builtin: source.kind === "builtin" }]);
      try {
        const transfer = source.kind === "file" ? [source.bytes.buffer as ArrayBuffer] : [];
        const summary = await worker.call({ op: "load", key, source }, undefined, transfer);
        setPanels((ps) => ps.map((p) => (p.key === key ? { ...p, summary } : p)));
      } catch (e) {
        setPanels((ps) => ps.map((p) => (p.key === key ? { ...p, error: (e as Error).message } : p)));
      }
    },
    [worker],
  );

  useEffect(() => {
    for (const name of initial.tokenizers) void addPanel({ kind: "builtin", name });
  }, []);

  // Re-encode off the main thread; while one encode runs, later edits wait and only the last
  // text is sent, so the count is never more than one encode behind the keyboard.
  const encodeNow = useCallback(async () => {
    if (busy.current) {
      queued.current = true;
      return;
    }
    busy.current = true;
    try {
      do {
        queued.current = false;
        const { text: t, panels: ps, special: sp } = latest.current;
        const keys = ps.filter((p) => p.summary !== undefined).map((p) => p.key);
        if (keys.length === 0) break;
        const results = await worker.call({ op: "encode", keys, text: t, special: sp });
        setEncoded({ text: t, results });
      } while (queued.current);
    } finally {
      busy.current = false;
    }
  }, [worker]);

  const loadedKeys = panels
    .filter((p) => p.summary !== undefined)
    .map((p) => p.key)
    .join(",");
  useEffect(() => {
    void encodeNow();
  }, [special, loadedKeys]);

  useEffect(() => {
    const state = { tokenizers: panels.filter((p) => p.builtin).map((p) => p.name), text, mode };
    const url = formatState(text.length > MAX_URL_TEXT ? { ...state, text: "" } : state);
    history.replaceState(null, "", text.length > MAX_URL_TEXT ? url.replace(/&text=[^&]*/, "") : url);
  }, [panels, text, mode]);

  const wantDetails = useCallback(
    (key: string) => async (ids: number[]) => {
      try {
        const got = await worker.call({ op: "details", key, ids });
        setDetails((all) => {
          const next = new Map(all);
          const m = new Map(next.get(key) ?? []);
          for (const d of got) m.set(d.id, d);
          next.set(key, m);
          return next;
        });
      } catch {
        // The panel went away meanwhile.
      }
    },
    [worker],
  );

  // Tokenizer files become panels; a model folder's tokenizer_config.json and
  // chat_template.jinja, opened with them, give the chat template.
  const openFiles = useCallback(
    async (files: FileList | null) => {
      const all = Array.from(files ?? []);
      const named = (n: string) => all.find((f) => f.name === n);
      const config = named("tokenizer_config.json");
      const template = named("chat_template.jinja");
      const companions = new Set([config, template, named("special_tokens_map.json"), named("config.json")]);
      const chatConfig = config === undefined ? undefined : await config.text();
      const chatTemplate = template === undefined ? undefined : await template.text();
      const tokenizers = all.filter(
        (f) => !companions.has(f) && /\.(json|tiktoken|model|gguf)$/i.test(f.name),
      );
      if (tokenizers.length === 0 && all.length > 0) {
        setNotice(`no tokenizer file among ${all.map((f) => f.name).join(", ")}`);
      }
      for (const file of tokenizers) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        void addPanel({ kind: "file", name: file.name, bytes, chatConfig, chatTemplate });
      }
    },
    [addPanel],
  );

  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      void openFiles(e.dataTransfer?.files ?? null);
    };
    document.addEventListener("dragover", over);
    document.addEventListener("drop", drop);
    return () => {
      document.removeEventListener("dragover", over);
      document.removeEventListener("drop", drop);
    };
  }, [openFiles]);

  const remove = (key: string) => {
    setPanels((ps) => ps.filter((p) => p.key !== key));
    void worker.call({ op: "drop", key });
  };

  const loaded = panels.filter((p) => p.summary !== undefined);
  const showsTokens = mode === "view" || mode === "compare";
  const shared = useMemo(() => {
    if (mode !== "compare") return null;
    const ends = new Map<string, Set<number>>();
    for (const p of loaded) {
      const e = encodings[p.key];
      if (e !== undefined && !("error" in e)) ends.set(p.key, new Set(e.ends));
    }
    const out = new Map<string, Set<number>>();
    for (const [key, mine] of ends) {
      const others = [...ends].filter(([k]) => k !== key).map(([, s]) => s);
      out.set(key, new Set([...mine].filter((b) => others.every((s) => s.has(b)))));
    }
    return out;
  }, [mode, encodings, loadedKeys]);

  // Re-rendered when an encoding arrives or a display setting changes, not on each keystroke.
  const panelViews = useMemo(
    () => (
      <div class="panels">
        {panels.map((p) =>
          p.summary === undefined ? (
            <section class="panel" data-tokenizer={p.name} data-loading={p.error === undefined}>
              <header>
                <strong>{p.name}</strong>
                <button type="button" class="remove" onClick={() => remove(p.key)}>
                  ×
                </button>
              </header>
              {p.error === undefined ? (
                <p>loading…</p>
              ) : (
                <p class="error" role="alert">
                  {p.error}
                </p>
              )}
            </section>
          ) : (
            <Panel
              key={p.key}
              name={p.name}
              label={`${p.name} · ${p.summary.format} · ${p.summary.vocabSize.toLocaleString("en-US")} ids`}
              text={encoded.text}
              encoded={encodings[p.key]}
              showWhitespace={showWhitespace}
              showIds={showIds}
              details={details.get(p.key) ?? new Map()}
              wantDetails={wantDetails(p.key)}
              onRemove={() => remove(p.key)}
              sharedBoundaries={shared?.get(p.key)}
            />
          ),
        )}
      </div>
    ),
    [panels, encoded, details, showWhitespace, showIds, shared],
  );

  return (
    <main>
      <header class="top">
        <h1>toklab lab</h1>
        <div class="tabs" role="tablist">
          {MODES.map((m) => (
            <button
              type="button"
              role="tab"
              aria-selected={m === mode}
              data-mode={m}
              onClick={() => setMode(m)}
            >
              {m}
            </button>
          ))}
        </div>
      </header>
      {notice !== null && (
        <p class="notice" role="status">
          {notice}{" "}
          <button type="button" onClick={() => setNotice(null)}>
            ok
          </button>
        </p>
      )}
      <section class="controls">
        <label>
          add encoding{" "}
          <select
            data-testid="add-encoding"
            value=""
            onChange={(e) => {
              const name = (e.target as HTMLSelectElement).value;
              if (name !== "") void addPanel({ kind: "builtin", name });
            }}
          >
            <option value="">choose…</option>
            {ENCODING_NAMES.map((n) => (
              <option value={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          open tokenizer.json / .tiktoken / .model / .gguf{" "}
          <input
            type="file"
            data-testid="tokenizer-file"
            multiple
            onChange={(e) => void openFiles((e.target as HTMLInputElement).files)}
          />
        </label>
        <label>
          open a model folder{" "}
          <input
            type="file"
            data-testid="tokenizer-folder"
            {...{ webkitdirectory: "" }}
            onChange={(e) => void openFiles((e.target as HTMLInputElement).files)}
          />
        </label>
        {showsTokens && (
          <>
            <label>
              <input
                type="checkbox"
                checked={showWhitespace}
                onChange={() => setShowWhitespace(!showWhitespace)}
              />{" "}
              whitespace
            </label>
            <label>
              <input
                type="checkbox"
                data-testid="show-ids"
                checked={showIds}
                onChange={() => setShowIds(!showIds)}
              />{" "}
              ids
            </label>
            <label title="Text spelling a special token becomes that token (else it is ordinary text)">
              <input type="checkbox" checked={special} onChange={() => setSpecial(!special)} /> special tokens
            </label>
          </>
        )}
      </section>
      {(showsTokens || mode === "budget") && (
        <textarea
          data-testid="text"
          spellcheck={false}
          ref={(el) => {
            // Uncontrolled: comparing or setting a 1 MB value on every render costs a layout.
            if (el !== null && el.dataset.filled !== "true") {
              el.value = latest.current.text;
              el.dataset.filled = "true";
            }
          }}
          onInput={(e) => {
            // Sent to the worker at once, not after this render and its paint (a 1 MB text area
            // takes a while to lay out): the encoding runs meanwhile.
            const value = (e.target as HTMLTextAreaElement).value;
            latest.current = { ...latest.current, text: value };
            setText(value);
            void encodeNow();
          }}
          aria-label="Text to tokenize"
        />
      )}
      {showsTokens && panelViews}
      {mode === "compare" && <CorpusCompare worker={worker} panels={loaded} />}
      {mode === "chat" && <ChatTab worker={worker} panels={loaded} />}
      {mode === "budget" && <BudgetTab worker={worker} panels={loaded} text={text} />}
      {mode === "train" && (
        <TrainTab worker={worker} onOpen={(name, json) => addPanel({ kind: "json", name, json })} />
      )}
      {mode === "audit" && <AuditTab worker={worker} panels={loaded} />}
    </main>
  );
}
