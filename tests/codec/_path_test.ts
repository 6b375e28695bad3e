import { assertEquals } from "../assert.ts";
import { formatPath } from "../../lib/codec/_path.ts";

Deno.test("formatPath: dots for names, brackets for indexes, quotes for other names", () => {
  assertEquals(formatPath([]), "");
  assertEquals(formatPath(["address", "geo", 2]), "address.geo[2]");
  assertEquals(formatPath([0, "a", 1, 2]), "[0].a[1][2]");
  assertEquals(formatPath(["a.b", "c d", "", 'q"']), '["a.b"]["c d"][""]["q\\""]');
  assertEquals(formatPath(["user-id", "$x", "_y", "k9"]), "user-id.$x._y.k9");
  assertEquals(formatPath(["__proto__", "constructor"]), "__proto__.constructor");
});
