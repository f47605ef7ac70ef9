import { CliError } from "../errors.js";

/** A whole-number option in `[min, max]`, `fallback` when absent (a usage error otherwise). */
export function wholeOption(
  value: unknown,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || n < min || n > max) {
    throw new CliError(`${name} must be a whole number from ${min} to ${max}, not "${String(value)}"`, 2);
  }
  return n;
}

/** A number option (temperature) `>= 0`, `fallback` when absent. */
export function numberOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new CliError(`${name} must be a number >= 0, not "${String(value)}"`, 2);
  }
  return n;
}

/** A byte as the shell shows it: the character when printable ASCII, else \xNN. */
export function showByte(byte: number): string {
  if (byte === 0x20) return "' '";
  if (byte > 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, "0")}`;
}
