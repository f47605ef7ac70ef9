/** The page's side of the worker protocol: numbered requests, promised results, progress. */
import type { Request, RequestMessage, ResponseMessage, Results } from "./protocol.js";
import TokenizerWorker from "./worker.ts?worker&inline";

type Progress = (done: number, total: number, phase: string) => void;

/** One worker and its outstanding requests. */
export class LabWorker {
  private readonly worker: Worker = new TokenizerWorker();
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: Progress }
  >();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<ResponseMessage>) => {
      const m = event.data;
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      if ("progress" in m) {
        p.progress?.(m.progress.done, m.progress.total, m.progress.phase);
        return;
      }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    };
  }

  /** Sends a request; resolves with its result, rejects with the worker's error message. */
  call<K extends Request["op"]>(
    request: Extract<Request, { op: K }>,
    progress?: Progress,
    transfer: Transferable[] = [],
  ): Promise<Results[K]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      const message: RequestMessage = { id, request };
      this.worker.postMessage(message, transfer);
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error("stopped"));
    this.pending.clear();
  }
}
