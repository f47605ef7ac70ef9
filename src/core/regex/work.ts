/**
 * Work done by the linear engine, for tests that prove linearity by counting instead of timing:
 * one step per character read and per thread or state visited, lookaround programs included. A
 * counter, not a clock, so it says the same on any machine; it costs one addition per character.
 */
export const vmWork = { steps: 0 };
