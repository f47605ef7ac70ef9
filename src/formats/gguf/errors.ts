/**
 * A GGUF file toklab cannot read: wrong magic, an unsupported version, a field of the wrong
 * type, arrays that disagree, counts past toklab's limits. The message names the metadata key
 * (or the byte offset) so the user can find the bad field.
 */
export class GgufFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GgufFormatError";
  }
}

/**
 * The bytes ended inside the metadata. A separate class because the Node loader reads a file's
 * header in growing chunks and catches exactly this one to read more; at the end of the file
 * it reaches the user as a truncated-file error.
 */
export class GgufTruncatedError extends GgufFormatError {
  constructor(
    /** Byte offset at which more data was needed. */
    readonly offset: number,
    /** How many bytes were available. */
    readonly available: number,
  ) {
    super(`truncated GGUF file: the metadata needs bytes past offset ${offset}, the file has ${available}`);
    this.name = "GgufTruncatedError";
  }
}
