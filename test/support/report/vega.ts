/**
 * Renders a Vega-Lite spec in Node (no browser) with the same libraries the report inlines:
 * compile with vega-lite, run a headless vega View, and count the items of its data marks.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
}

/** Items of the marks with role `mark` (data marks, not axes or legends), by mark type. */
function markItems(node: SceneNode, out: Map<string, number>): Map<string, number> {
  if (node.marktype !== undefined && node.role === "mark") {
    out.set(node.marktype, (out.get(node.marktype) ?? 0) + (node.items?.length ?? 0));
  }
  for (const child of node.items ?? []) markItems(child, out);
  return out;
}

/** Compile warnings, the item count per data-mark type, and the SVG of a spec. */
export async function renderInNode(
  spec: TopLevelSpec,
): Promise<{ warnings: string[]; items: Map<string, number>; svg: string }> {
  const warnings: string[] = [];
  const logger = {
    level() {
      return this;
    },
    warn(...args: unknown[]) {
      const message = args.join(" ");
      // `width: "container"` listens to the window's resize events; Node has no window.
      if (message !== "Can not resolve event source: window") warnings.push(message);
      return this;
    },
    error(...args: unknown[]) {
      warnings.push(`error: ${args.join(" ")}`);
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  const compiled = compile(spec, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger: logger as never });
  await view.runAsync();
  const svg = await view.toSVG();
  const items = markItems((view.scenegraph() as unknown as { root: SceneNode }).root, new Map());
  view.finalize();
  return { warnings, items, svg };
}
