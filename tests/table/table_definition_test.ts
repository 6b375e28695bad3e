// Table definitions to CreateTable requests, and schemas read back from descriptions.
import { assertEquals, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { createTableInput, schemaFromDescription } from "../../lib/table/table_definition.ts";

Deno.test("a full definition: provisioned billing shared by global indexes, projections, stream, tags", () => {
  const input = createTableInput({
    name: "events",
    partitionKey: ["user", "S"],
    sortKey: ["ts", "N"],
    billing: { read: 5, write: 3 },
    globalIndexes: [
      { name: "byKind", partitionKey: ["kind", "S"], sortKey: ["ts", "N"], projection: "keys" },
      {
        name: "byDay",
        partitionKey: ["day", "S"],
        projection: ["title"],
        throughput: { read: 1, write: 1 },
      },
    ],
    localIndexes: [{ name: "byScore", sortKey: ["score", "N"] }],
    stream: "NEW_AND_OLD_IMAGES",
    tags: { team: "core" },
  });
  assertEquals(input, {
    TableName: "events",
    KeySchema: [{ AttributeName: "user", KeyType: "HASH" }, {
      AttributeName: "ts",
      KeyType: "RANGE",
    }],
    AttributeDefinitions: [
      { AttributeName: "user", AttributeType: "S" },
      { AttributeName: "ts", AttributeType: "N" },
      { AttributeName: "kind", AttributeType: "S" },
      { AttributeName: "day", AttributeType: "S" },
      { AttributeName: "score", AttributeType: "N" },
    ],
    BillingMode: "PROVISIONED",
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
    GlobalSecondaryIndexes: [
      {
        IndexName: "byKind",
        KeySchema: [{ AttributeName: "kind", KeyType: "HASH" }, {
          AttributeName: "ts",
          KeyType: "RANGE",
        }],
        Projection: { ProjectionType: "KEYS_ONLY" },
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
      },
      {
        IndexName: "byDay",
        KeySchema: [{ AttributeName: "day", KeyType: "HASH" }],
        Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["title"] },
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: "byScore",
        KeySchema: [{ AttributeName: "user", KeyType: "HASH" }, {
          AttributeName: "score",
          KeyType: "RANGE",
        }],
        Projection: { ProjectionType: "ALL" },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    Tags: [{ Key: "team", Value: "core" }],
  });
  assertEquals(schemaFromDescription({ ...input }), {
    partitionKey: ["user", "S"],
    sortKey: ["ts", "N"],
    indexes: {
      byKind: { partitionKey: ["kind", "S"], sortKey: ["ts", "N"] },
      byDay: { partitionKey: ["day", "S"] },
      byScore: { partitionKey: ["user", "S"], sortKey: ["score", "N"] },
    },
  });
});

Deno.test("bad definitions are rejected before sending", () => {
  const bad = [
    { name: "x", partitionKey: ["id", "S"] },
    { name: "good", partitionKey: ["id", "X"] },
    { name: "good", partitionKey: ["", "S"] },
    { name: "good", partitionKey: ["id", "S"], sortKey: ["id", "N"] },
    {
      name: "good",
      partitionKey: ["id", "S"],
      localIndexes: [{ name: "lsi1", sortKey: ["a", "S"] }],
    },
    {
      name: "good",
      partitionKey: ["id", "S"],
      globalIndexes: [{ name: "g!g", partitionKey: ["a", "S"] }],
    },
  ];
  const paths = bad.map((d) =>
    assertThrows(() => createTableInput(d as never), ValidationError).path
  );
  assertEquals(paths, [
    "name",
    "partitionKey",
    "partitionKey",
    "partitionKey",
    "localIndexes",
    "globalIndexes[0].name",
  ]);
  assertThrows(() => schemaFromDescription({ KeySchema: [] }), ValidationError);
});
