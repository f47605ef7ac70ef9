/**
 * Rank of a byte string that is not a token: larger than every real rank (so `min` ignores it)
 * and still a V8 small integer (so returning it allocates nothing).
 */
export const NO_RANK = 0x3fffffff;
