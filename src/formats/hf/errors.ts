/**
 * A tokenizer.json that toklab cannot load: names the component by its JSON path, e.g.
 * `pre_tokenizer.pretokenizers[1].type: unknown "Foo"`, so the user can find the bad field.
 * Every tokenizer.json loader throws this, never a bare TypeError or a silent fallback.
 */
export class HfJsonError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = "HfJsonError";
  }
}
