import { assertEquals, assertMatch } from "../assert.ts";
import { OPERATIONS } from "../../lib/operations/operations.ts";

const ISSUE_LIST =
  "batchExecuteStatement, batchGetItem, batchWriteItem, createTable, deleteItem, " +
  "deleteTable, describeLimits, describeTable, describeTimeToLive, executeStatement, " +
  "executeTransaction, getItem, listTables, listTagsOfResource, putItem, query, scan, tagResource, " +
  "transactGetItems, transactWriteItems, untagResource, updateItem, updateTable, updateTimeToLive";

Deno.test("the table has one descriptor per operation the issue lists, sorted", () => {
  assertEquals(OPERATIONS.map((op) => op.method).join(", "), ISSUE_LIST);
  const names = OPERATIONS.map((op) => op.name);
  assertEquals([...names].sort(), names);
  assertEquals(new Set(names).size, names.length);
});

Deno.test("each method is the operation name with a lower-case first letter", () => {
  for (const op of OPERATIONS) {
    assertMatch(op.name, /^[A-Z][A-Za-z]+$/);
    assertEquals(op.method, op.name[0].toLowerCase() + op.name.slice(1));
  }
});

Deno.test("required fields follow the API reference", () => {
  const required = Object.fromEntries(OPERATIONS.map((op) => [op.name, op.required.join(" ")]));
  assertEquals(required.PutItem, "TableName Item");
  assertEquals(required.GetItem, "TableName Key");
  assertEquals(required.UpdateItem, "TableName Key");
  assertEquals(required.DeleteItem, "TableName Key");
  assertEquals(required.CreateTable, "TableName KeySchema AttributeDefinitions");
  assertEquals(required.TransactWriteItems, "TransactItems");
  assertEquals(required.ExecuteStatement, "Statement");
  assertEquals(required.ExecuteTransaction, "TransactStatements");
  assertEquals(required.BatchExecuteStatement, "Statements");
  assertEquals(required.UpdateTimeToLive, "TableName TimeToLiveSpecification");
  assertEquals(required.UntagResource, "ResourceArn TagKeys");
  assertEquals(required.ListTables, "");
  assertEquals(required.DescribeLimits, "");
});
