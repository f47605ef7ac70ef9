/**
 * Entry point of a counting worker thread: processes chunks as they arrive (see `ChunkCounter`)
 * and, on `finish`, sends its table in parts and exits; on `flush`, sends it and starts a new one.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ChunkCounter, type CountSettings } from "./chunk-counter.js";
import type { FromWorker, ToWorker } from "./messages.js";

const port = parentPort!;
const counter = new ChunkCounter(workerData as CountSettings);

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

port.on("message", (message: ToWorker) => {
  if (message.type === "chunk") {
    try {
      const result = counter.run(message.job);
      const transfer: ArrayBuffer[] = [];
      if (result.lines) transfer.push(result.lines.buffer as ArrayBuffer);
      if (result.lengths) transfer.push(result.lengths.buffer as ArrayBuffer);
      send(
        {
          type: "done",
          id: message.id,
          result,
          distinct: counter.table.size,
          keyChars: counter.table.keyChars,
        },
        transfer,
      );
    } catch (e) {
      send({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  for (const part of counter.table.parts()) {
    send({ type: "part", part }, [part.lengths.buffer as ArrayBuffer, part.counts.buffer as ArrayBuffer]);
  }
  if (message.type === "flush") {
    counter.table.clear();
    send({ type: "flushed" });
    return;
  }
  send({ type: "end" });
  port.close();
});
