import type { Outcome } from "./spawn.js";

/** How a failed child reads in a table cell. A load failure means the library is unavailable. */
export function describeFailure(outcome: Exclude<Outcome<unknown>, { status: "ok" }>): string {
  switch (outcome.status) {
    case "error":
      return outcome.phase === "load"
        ? `unavailable (${outcome.message})`
        : `crash (threw ${outcome.message})`;
    case "crash":
      return `crash (${outcome.message})`;
    case "timeout":
      return `timeout (> ${outcome.ms / 1000} s)`;
  }
}

/** Short form for narrow table cells. */
export function shortFailure(outcome: Exclude<Outcome<unknown>, { status: "ok" }>): string {
  switch (outcome.status) {
    case "error":
      return outcome.phase === "load" ? "unavailable" : "crash";
    case "crash":
      return "crash";
    case "timeout":
      return `timeout > ${outcome.ms / 1000} s`;
  }
}
