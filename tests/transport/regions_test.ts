import { assertEquals, assertOk } from "../assert.ts";
import { regions } from "../../lib/transport/regions.ts";
import { regionEndpoint } from "../../lib/transport/endpoint.ts";

Deno.test("regions lists the DynamoDB regions with their endpoints, sorted", () => {
  const list = regions();
  const names = list.map((r) => r.name);
  assertEquals([...names].sort(), names);
  assertEquals(new Set(names).size, names.length);
  for (const name of ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"]) {
    assertOk(names.includes(name), name);
  }
  for (const r of list) assertEquals(r.endpoint, regionEndpoint(r.name));
  assertEquals(
    list.find((r) => r.name === "cn-north-1")?.endpoint,
    "https://dynamodb.cn-north-1.amazonaws.com.cn/",
  );
});
