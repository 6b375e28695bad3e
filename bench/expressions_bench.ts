/**
 * Expression compiling: the three shapes a table sends most, each compiled from prebuilt trees
 * ("compile") and built then compiled ("build + compile"):
 * - a key condition (partition key = value AND sort key BETWEEN two numbers);
 * - an update of four actions (SET, SET with `plus`, REMOVE, ADD) with a condition;
 * - a filter of five leaves (comparisons, IN, begins_with, attribute_exists under OR) with a
 *   projection of four paths.
 *
 * There is no peer: no other DynamoDB client for JavaScript compiles expression trees. Compare runs of
 * this file before and after a change, on the same machine.
 *
 * Run: `npx -y deno@2.9.6 bench -A bench/expressions_bench.ts`
 *
 * @module
 */
import {
  and,
  Attr,
  compileExpressions,
  type ExpressionParts,
  Key,
  or,
  plus,
  update,
} from "../lib/expressions/mod.ts";

const keyParts = (): ExpressionParts => ({
  keyCondition: Key("pk").eq("user#42").and(Key("sk").between(100, 200)),
});
const updateParts = (): ExpressionParts => ({
  update: update()
    .set("profile.name", "Ada")
    .set("visits", plus(Attr("visits"), 1))
    .remove("draft")
    .add("tags", new Set(["a", "b"])),
  condition: Attr("version").eq(7),
});
const filterParts = (): ExpressionParts => ({
  filter: and(
    Attr("status").eq("open"),
    Attr("age").gte(18),
    Attr("kind").in(["a", "b", "c"]),
    Attr("name").beginsWith("A"),
    or(Attr("email").exists(), Attr("phone[0]").ne("")),
  ),
  projection: ["pk", "sk", "profile.name", "tags[0]"],
});

for (
  const [name, make] of [
    ["key condition", keyParts],
    ["4-action update + condition", updateParts],
    ["5-leaf filter + projection", filterParts],
  ] as const
) {
  const parts = make();
  Deno.bench(`compile: ${name}`, { group: "compile" }, () => {
    compileExpressions(parts);
  });
  Deno.bench(`build + compile: ${name}`, { group: "build + compile" }, () => {
    compileExpressions(make());
  });
}
