import { seededRandom } from "../src/core/random.js";

/** The project's seeded PRNG, so generated inputs are identical in every process and run. */
export { seededRandom };

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
