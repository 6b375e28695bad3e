// Private: the immutable builder behind `update()`. Apart from update.ts so that `item.save()`, loaded on
// first use, builds its update with it without making update.ts (which the package's mod.ts re-exports)
// reached by an application that never updates; see lib/table/_lazy.ts.
import { checkDistinct, fail, formatPath, isNode, kindOf, mark, type Printer } from "./_node.ts";
import { type AttributePath, parsePath, type PathInput } from "./path.ts";
import type { UpdateAction, UpdateBuilder } from "./update.ts";

function append(
  actions: readonly UpdateAction[],
  action: UpdateAction["action"],
  input: PathInput,
  value?: unknown,
): readonly UpdateAction[] {
  const path = parsePath(input);
  checkDistinct(actions.map((a) => a.path), path);
  if (action == "SET") checkOperand(value, true, path);
  return [
    ...actions,
    Object.freeze(action == "REMOVE" ? { action, path } : { action, path, value }),
  ];
}

// DynamoDB's grammar: `operand [+|- operand]`, where an operand is a path, a value or a function whose
// arguments are operands again, so + and - appear only at the top of a SET value.
function checkOperand(value: unknown, top: boolean, path: AttributePath): void {
  const k = kindOf(value);
  if (k && k != "path") {
    // Kinds of one character are + and -; functions have an underscore (if_not_exists, list_append).
    if (!(k.includes("_") || top && !k[1])) {
      fail(
        "invalid SET operand",
        formatPath(path),
        k,
        "value, Attr, ifNotExists, listAppend, plus, minus",
      );
    }
    isNode(value) && value.args?.forEach((a) => checkOperand(a, false, path));
  }
}

// SET, REMOVE, ADD and DELETE clauses, in this order; ADD takes a number or a set, DELETE a set.
const printUpdate = (actions: readonly UpdateAction[]) => (c: Printer): string =>
  ["SET", "REMOVE", "ADD", "DELETE"].map((clause) => {
    const items = actions.filter((a) => a.action == clause).map(({ path, value }) => {
      const p = c.p(path);
      c.w = formatPath(path);
      if (clause == "SET") return `${p} = ${c.o(value)}`;
      if (clause == "REMOVE") return p;
      const av = c.e(value), type = Object.keys(av)[0];
      if (!/^[SNB]S$/.test(type) && (clause != "ADD" || type != "N")) {
        fail(`bad ${clause} value`, c.w, type, (clause == "ADD" ? "N, " : "") + "SS, NS, BS");
      }
      return `${p} ${c.v(value, av)}`;
    });
    return items[0] ? `${clause} ${items.join(", ")}` : "";
  }).filter(Boolean).join(" ");

/** A builder holding `actions`; each method returns a new one with one more action. */
export function builder(actions: readonly UpdateAction[]): UpdateBuilder {
  const make = (action: UpdateAction["action"]) => (path: PathInput, value?: unknown) =>
    builder(append(actions, action, path, value));
  return mark({
    kind: "update",
    actions: Object.freeze(actions),
    set: make("SET"),
    remove: (...paths: PathInput[]) =>
      builder(paths.reduce((acc, p) => append(acc, "REMOVE", p), actions)),
    add: make("ADD"),
    delete: make("DELETE"),
  }, printUpdate(actions));
}
