import { benchCommand, int, megabytes, table } from "../format.js";
import type { BenchResults } from "../results.js";
import { checkTargets } from "../targets.js";

export function targetsSection(results: BenchResults): string {
  const rows = checkTargets(results).map((c) => [
    c.target,
    c.measured,
    c.met === undefined ? "not measured" : c.met ? "**met**" : "**not met**",
  ]);
  return `## Targets\n\n${table(["target", "this run", "status"], rows, 3)}`;
}

export function machineSection(results: BenchResults): string {
  const m = results.machine;
  return [
    "## Machine",
    "",
    `- CPU: ${m.cpu}, ${m.cores} logical cores`,
    `- RAM: ${m.ramGB.toFixed(1)} GiB`,
    `- Node.js ${m.node} on ${m.platform}`,
    `- Load average (1 min) when the run started: ${results.loadAverage.start.toFixed(2)}` +
      (results.loadAverage.start > m.cores * 0.25
        ? " — other processes were busy when the run started; expect noisier figures"
        : ""),
    `- Run: ${results.date}, ${(results.durationS / 60).toFixed(1)} min, ${benchCommand(results.options.argv)}`,
  ].join("\n");
}

export function librariesSection(results: BenchResults): string {
  const rows = results.adapters
    .filter((a) => results.options.libs.includes(a.name))
    .map((a) => [
      a.name,
      a.packageName
        ? `${a.packageName}@${results.versions[a.name]}`
        : `this repository (${results.versions[a.name]}): src/ bundled by esbuild`,
      a.encodings.join(", "),
      a.cacheNote,
    ]);
  return [
    "## Libraries",
    "",
    table(["library", "package", "encodings", "caches"], rows, 4),
    "",
    "hf-tokenizers runs on a tokenizer.json converted from tiktoken's ranks by `bench/hf/` " +
      "(Split on the encoding's pattern, ByteLevel, BPE with `ignore_merges`, merges recovered " +
      "in rank order); the conversion is done once before any timing. Its API has no ordinary-text " +
      "mode: text equal to a special token is always read as that token (see the edge cases).",
  ].join("\n");
}

export function corpusSection(results: BenchResults): string {
  const c = results.corpus;
  // corpusStats lists the categories in corpus order, then "all".
  const rows = Object.keys(c.stats).map((cat) => [
    cat,
    int(c.stats[cat].docs),
    megabytes(c.stats[cat].bytes),
  ]);
  const what =
    c.source === "generated"
      ? "a generated stand-in (the shared corpus was not found; figures are not comparable with runs on it)"
      : `\`${c.source}\``;
  return [
    "## Corpus",
    "",
    `${what}${c.quick ? ", quick subset (every k-th document of each category, ~1 MB each)" : ", all documents"}. ` +
      "Throughput is in MB (10^6 bytes) of UTF-8 input per second.",
    "",
    table(["category", "documents", "size"], rows),
  ].join("\n");
}
