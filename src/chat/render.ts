/**
 * Rendering a Hugging Face chat template with @huggingface/jinja, passing the variables
 * transformers' `apply_chat_template` passes (see docs/decisions/0013-chat-templates.md).
 */
import { Environment, Interpreter, Template } from "@huggingface/jinja";
import type { ChatMessage } from "./types.js";

/** The variables of {@link renderChatTemplate}; anything extra reaches the template as is. */
export interface ChatTemplateVariables {
  messages: readonly ChatMessage[];
  /** End with the header that starts the assistant's turn. Default false, as in transformers. */
  add_generation_prompt?: boolean;
  /** Tool (function) schemas; `null` when absent, as transformers passes `tools=None`. */
  tools?: readonly unknown[] | null;
  /** Retrieval documents for RAG templates; `null` when absent. */
  documents?: readonly unknown[] | null;
  bos_token?: string;
  eos_token?: string;
  pad_token?: string;
  unk_token?: string;
  /**
   * The date `strftime_now(format)` formats. Default: now, as in transformers. Fix it to make
   * a rendering reproducible (Llama 3.1 and gpt-oss templates print today's date).
   */
  now?: Date;
  /** Template-specific switches such as Qwen 3's `enable_thinking`. */
  [extra: string]: unknown;
}

const templateCache = new Map<string, Template>();

/** Parses once per distinct template text: parsing dominates when counting many conversations. */
function compile(template: string): Template {
  let compiled = templateCache.get(template);
  if (compiled === undefined) {
    compiled = new Template(template);
    if (templateCache.size > 32) templateCache.clear();
    templateCache.set(template, compiled);
  }
  return compiled;
}

/**
 * Renders a chat template. `tools` and `documents` default to `null` and
 * `add_generation_prompt` to false, exactly what transformers passes, because templates test
 * `tools is not none` as well as `tools is defined`. The globals are transformers' too:
 * `raise_exception(msg)` throws a {@link TemplateRaisedError} with the template's message, `strftime_now(fmt)`
 * formats `now` (default: the current time) with Python's C-locale names, and `range`,
 * `true`/`false`/`none` with their Python spellings are there as in @huggingface/jinja.
 *
 * @example
 * renderChatTemplate("{{ bos_token }}{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}", {
 *   messages: [{ role: "user", content: "Hi" }],
 *   bos_token: "<s>",
 * }); // "<s>[user] Hi\n"
 */
export function renderChatTemplate(template: string, variables: ChatTemplateVariables): string {
  const { now, ...rest } = variables;
  const vars: Record<string, unknown> = {
    ...rest,
    messages: variables.messages,
    add_generation_prompt: variables.add_generation_prompt ?? false,
    tools: variables.tools ?? null,
    documents: variables.documents ?? null,
  };
  // Our own environment rather than Template.render: its globals cannot be replaced, and its
  // strftime_now reads the clock and the host locale (a French browser would print "juil.").
  const env = new Environment();
  const globals: Record<string, unknown> = {
    ...JINJA_CONSTANTS,
    raise_exception: (message: unknown) => {
      throw new TemplateRaisedError(String(message));
    },
    range: budgetedRange(),
    strftime_now: (format: string) => strftime(now ?? new Date(), format),
  };
  for (const [name, value] of Object.entries({ ...globals, ...vars })) env.set(name, value);
  const result = new BudgetInterpreter(env).run(compile(template).parsed);
  return String(result.value);
}

/**
 * What a chat template may do (templates come from strangers on the Hub): as jinja2's sandbox,
 * which transformers uses, `range` gives at most 100,000 numbers; beyond it, a render takes at
 * most {@link TEMPLATE_LIMITS.steps} evaluation steps, all `range` calls together at most
 * {@link TEMPLATE_LIMITS.rangeItems} numbers, and no string it makes (the output included) may
 * be longer than {@link TEMPLATE_LIMITS.stringLength}. Real templates use a few thousand steps.
 */
export const TEMPLATE_LIMITS = Object.freeze({
  range: 100_000,
  rangeItems: 300_000,
  steps: 1_000_000,
  stringLength: 16 * 1024 * 1024,
});

/** The error a template raises itself (`raise_exception(message)`): its message, as written. */
export class TemplateRaisedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateRaisedError";
  }
}

/** The error of a template over a limit. */
export class TemplateLimitError extends Error {
  constructor(what: string) {
    super(`chat template: ${what} (limits: docs/security.md)`);
    this.name = "TemplateLimitError";
  }
}

/**
 * The interpreter's shape as used here. @huggingface/jinja's declarations import "./runtime"
 * without an extension, which TypeScript's NodeNext resolution cannot follow, so the class is
 * described by hand.
 */
interface JinjaInterpreter {
  run(program: unknown): { value: unknown };
  evaluate(statement: unknown, environment: unknown): unknown;
  evaluateBinaryExpression(node: unknown, environment: unknown): unknown;
  evaluateCallExpression(node: unknown, environment: unknown): unknown;
}

/** The part of a runtime value and a binary-expression node read here. */
interface JinjaValue {
  readonly type: string;
}
interface BinaryNode {
  readonly left: unknown;
  readonly right: unknown;
  readonly operator: { readonly value: string };
}
interface CallNode {
  readonly callee: {
    readonly type: string;
    readonly object?: unknown;
    readonly property?: { readonly value?: unknown };
    readonly computed?: boolean;
  };
}

const PYTHON_TYPE: Readonly<Record<string, string>> = {
  ArrayValue: "list",
  TupleValue: "tuple",
  ObjectValue: "dict",
  KeywordArgumentsValue: "dict",
};
const PYTHON_SCALAR: Readonly<Record<string, string>> = {
  StringValue: "str",
  IntegerValue: "int",
  FloatValue: "float",
  BooleanValue: "bool",
  NullValue: "NoneType",
  UndefinedValue: "Undefined",
};
const JinjaInterpreterClass = Interpreter as unknown as new (env: Environment) => JinjaInterpreter;

/** An interpreter that counts its steps and checks the strings it makes (see {@link TEMPLATE_LIMITS}). */
class BudgetInterpreter extends JinjaInterpreterClass {
  private steps = 0;
  /** Operands already evaluated by {@link evaluateBinaryExpression}, handed to the base class once. */
  private readonly operands = new Map<unknown, unknown>();

  override evaluate(statement: unknown, environment: unknown): unknown {
    const ready = this.operands.get(statement);
    if (ready !== undefined) {
      this.operands.delete(statement);
      return ready;
    }
    if (++this.steps > TEMPLATE_LIMITS.steps) {
      throw new TemplateLimitError(`more than ${TEMPLATE_LIMITS.steps} evaluation steps`);
    }
    const value = super.evaluate(statement, environment);
    const v = (value as { value?: unknown }).value;
    if (typeof v === "string" && v.length > TEMPLATE_LIMITS.stringLength) {
      throw new TemplateLimitError(`a string longer than ${TEMPLATE_LIMITS.stringLength} characters`);
    }
    return value;
  }

  /**
   * `+` as Python has it: a string and a list (or dict) do not add up (`TypeError: can only
   * concatenate str (not "list") to str`). @huggingface/jinja would join the list's JSON into the
   * text, a prompt no model was given: a message whose content is a list of parts, in a
   * template that expects a string, must fail as it does in transformers.
   */
  override evaluateBinaryExpression(node: unknown, environment: unknown): unknown {
    const n = node as BinaryNode;
    if (n.operator.value === "+") {
      const left = this.evaluate(n.left, environment) as JinjaValue;
      const right = this.evaluate(n.right, environment) as JinjaValue;
      const other = left.type === "StringValue" ? right : right.type === "StringValue" ? left : undefined;
      if (other !== undefined && PYTHON_TYPE[other.type] !== undefined) {
        throw new TypeError(
          left.type === "StringValue"
            ? `can only concatenate str (not "${PYTHON_TYPE[other.type]}") to str`
            : `unsupported operand type(s) for +: '${PYTHON_TYPE[other.type]}' and 'str'`,
        );
      }
      this.operands.set(n.left, left);
      this.operands.set(n.right, right);
    }
    return super.evaluateBinaryExpression(node, environment);
  }

  /**
   * A method a value does not have (`message.content.startswith(...)` on a list of parts) fails
   * as in Python, `'list' object has no attribute 'startswith'`, rather than with
   * @huggingface/jinja's "Cannot call something that is not a function: got UndefinedValue".
   */
  override evaluateCallExpression(node: unknown, environment: unknown): unknown {
    try {
      return super.evaluateCallExpression(node, environment);
    } catch (e) {
      const callee = (node as CallNode).callee;
      const name = callee.property?.value;
      if (
        !(e instanceof Error) ||
        !e.message.startsWith("Cannot call something that is not a function") ||
        callee.type !== "MemberExpression" ||
        callee.computed === true ||
        typeof name !== "string"
      ) {
        throw e;
      }
      // Only on this failing path is the object evaluated a second time.
      const object = this.evaluate(callee.object, environment) as JinjaValue;
      const type = PYTHON_TYPE[object.type] ?? PYTHON_SCALAR[object.type] ?? object.type;
      throw new TypeError(`'${type}' object has no attribute '${name}'`);
    }
  }
}

const JINJA_CONSTANTS = { true: true, false: false, none: null, True: true, False: false, None: null };

/**
 * Python's `range(stop)` / `range(start, stop[, step])`, within {@link TEMPLATE_LIMITS}: at most
 * `range` numbers per call and `rangeItems` in all for one render.
 */
function budgetedRange(): (start: number, stop?: number, step?: number) => number[] {
  let left = TEMPLATE_LIMITS.rangeItems;
  return (start, stop, step = 1) => {
    if (stop === undefined) [start, stop] = [0, start];
    for (const x of [start, stop, step]) {
      if (!Number.isInteger(x)) throw new Error(`range() takes integers, got ${String(x)}`);
    }
    if (step === 0) throw new Error("range() arg 3 must not be zero");
    const length = Math.max(0, Math.ceil((stop - start) / step));
    if (length > TEMPLATE_LIMITS.range) {
      throw new TemplateLimitError(`range() of ${length} numbers (at most ${TEMPLATE_LIMITS.range})`);
    }
    left -= length;
    if (left < 0)
      throw new TemplateLimitError(
        `range() calls giving more than ${TEMPLATE_LIMITS.rangeItems} numbers in all`,
      );
    const out: number[] = new Array(length);
    for (let k = 0; k < length; k++) out[k] = start + k * step;
    return out;
  };
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * Python's `strftime` for the directives chat templates use, in the C locale (English names),
 * which is what a Python server renders with; unknown directives are kept as written.
 *
 * @example
 * strftime(new Date(2024, 6, 26), "%d %b %Y"); // "26 Jul 2024"
 */
export function strftime(date: Date, format: string): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return format.replace(/%([a-zA-Z%])/g, (whole, d: string) => {
    switch (d) {
      case "Y":
        return String(date.getFullYear());
      case "y":
        return pad(date.getFullYear() % 100);
      case "m":
        return pad(date.getMonth() + 1);
      case "d":
        return pad(date.getDate());
      case "e":
        return String(date.getDate()).padStart(2, " ");
      case "B":
        return MONTHS[date.getMonth()];
      case "b":
        return MONTHS[date.getMonth()].slice(0, 3);
      case "A":
        return DAYS[date.getDay()];
      case "a":
        return DAYS[date.getDay()].slice(0, 3);
      case "H":
        return pad(date.getHours());
      case "M":
        return pad(date.getMinutes());
      case "S":
        return pad(date.getSeconds());
      case "j": {
        // Calendar days, in UTC arithmetic so a daylight-saving change cannot shift the count.
        const y = date.getFullYear();
        const days = (Date.UTC(y, date.getMonth(), date.getDate()) - Date.UTC(y, 0, 1)) / 86_400_000;
        return pad(days + 1, 3);
      }
      case "%":
        return "%";
      default:
        return whole;
    }
  });
}
