/**
 * The update builder: SET, REMOVE, ADD and DELETE actions, and the operands SET takes (`ifNotExists`,
 * `listAppend`, `plus`, `minus`, or another path through `Attr`). Each method returns a new builder.
 *
 * ```ts
 * import { Attr, compileExpressions, plus, update } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const u = update().set("a.b", 1).set("n", plus(Attr("n"), 1)).remove("old").add("count", 1);
 * assertEquals(
 *   compileExpressions({ update: u }).UpdateExpression,
 *   "SET #n0.#n1 = :v0, #n2 = #n2 + :v0 REMOVE #n3 ADD #n4 :v0",
 * );
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { mark } from "./_node.ts";
import { builder } from "./_update_builder.ts";
import { Attr } from "./condition.ts";
import type { AttributePath, PathInput } from "./path.ts";

/** One action of an update expression. */
export interface UpdateAction {
  /** The clause it belongs to. */
  readonly action: "SET" | "REMOVE" | "ADD" | "DELETE";
  /** The path it changes. */
  readonly path: AttributePath;
  /** The operand (SET), number or set (ADD), or set (DELETE); absent for REMOVE. */
  readonly value?: unknown;
}

/** An immutable update: each method returns a new builder with one more action. */
export interface UpdateBuilder {
  /** Always `"update"`. */
  readonly kind: "update";
  /** The actions in the order they were added. */
  readonly actions: readonly UpdateAction[];
  /**
   * `SET path = value`; `value` is a plain value, `Attr(...)` for another path, or `ifNotExists`,
   * `listAppend`, `plus`, `minus`.
   */
  set(path: PathInput, value: unknown): UpdateBuilder;
  /** `REMOVE path, ...`; list elements too, like `list[2]`. */
  remove(...paths: PathInput[]): UpdateBuilder;
  /** `ADD path value`: adds a number, or adds elements to a set. */
  add(path: PathInput, value: unknown): UpdateBuilder;
  /** `DELETE path value`: removes elements from a set. */
  delete(path: PathInput, value: unknown): UpdateBuilder;
}

/** A computed SET operand: `if_not_exists`, `list_append`, `+` or `-`. */
export interface UpdateOperand {
  /** The function or operator. */
  readonly kind: "if_not_exists" | "list_append" | "+" | "-";
  /** Its two operands. */
  readonly args: readonly unknown[];
}

/**
 * Starts an empty update; chain `set`, `remove`, `add` and `delete` on it.
 *
 * @returns A builder with no actions.
 *
 * @example
 * ```ts
 * import { compileExpressions, update } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ update: update().remove("list[0]").delete("tags", new Set(["x"])) });
 * assertEquals(out.UpdateExpression, "REMOVE #n0[0] DELETE #n1 :v0");
 * assertEquals(out.ExpressionAttributeValues, { ":v0": { SS: ["x"] } });
 * ```
 */
export function update(): UpdateBuilder {
  return builder([]);
}

function operand(kind: UpdateOperand["kind"], args: unknown[]): UpdateOperand {
  return mark({ kind, args: Object.freeze(args) }, (c) => {
    const a = args.map(c.o);
    return kind == "+" || kind == "-" ? a.join(` ${kind} `) : `${kind}(${a.join(", ")})`;
  });
}

/**
 * `if_not_exists(path, value)`: the attribute at `path` when it exists, else `value`.
 *
 * @param path The path to test (a string here is always a path).
 * @param value The fallback operand.
 * @returns A SET operand.
 * @throws {ValidationError} When the path is malformed.
 *
 * @example
 * ```ts
 * import { compileExpressions, ifNotExists, update } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ update: update().set("created", ifNotExists("created", 42)) });
 * assertEquals(out.UpdateExpression, "SET #n0 = if_not_exists(#n0, :v0)");
 * ```
 */
export function ifNotExists(path: PathInput, value: unknown): UpdateOperand {
  return operand("if_not_exists", [Attr(path), value]);
}

/**
 * `list_append(first, second)`: the two lists joined. Operands are values unless wrapped in `Attr`.
 *
 * @param first The list that comes first.
 * @param second The list that comes after.
 * @returns A SET operand.
 *
 * @example
 * ```ts
 * import { Attr, compileExpressions, listAppend, update } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ update: update().set("log", listAppend(Attr("log"), ["x"])) });
 * assertEquals(out.UpdateExpression, "SET #n0 = list_append(#n0, :v0)");
 * ```
 */
export function listAppend(first: unknown, second: unknown): UpdateOperand {
  return operand("list_append", [first, second]);
}

/**
 * `left + right` in a SET value. Operands are values unless wrapped in `Attr`.
 *
 * @param left A number operand.
 * @param right A number operand.
 * @returns A SET operand.
 *
 * @example
 * ```ts
 * import { compileExpressions, ifNotExists, plus, update } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ update: update().set("n", plus(ifNotExists("n", 0), 1)) });
 * assertEquals(out.UpdateExpression, "SET #n0 = if_not_exists(#n0, :v0) + :v1");
 * ```
 */
export function plus(left: unknown, right: unknown): UpdateOperand {
  return operand("+", [left, right]);
}

/**
 * `left - right` in a SET value. Operands are values unless wrapped in `Attr`.
 *
 * @param left A number operand.
 * @param right A number operand.
 * @returns A SET operand.
 *
 * @example
 * ```ts
 * import { Attr, compileExpressions, minus, update } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ update: update().set("stock", minus(Attr("stock"), 2)) });
 * assertEquals(out.UpdateExpression, "SET #n0 = #n0 - :v0");
 * ```
 */
export function minus(left: unknown, right: unknown): UpdateOperand {
  return operand("-", [left, right]);
}
