/**
 * The operations of the `DynamoDB_20120810` API this client names, as one table of descriptors, and the
 * map from each operation to its input and output types.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  BatchWriteItemInput,
  BatchWriteItemOutput,
  DeleteItemInput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  QueryInput,
  ReadManyOutput,
  ScanInput,
  TransactGetItemsInput,
  TransactGetItemsOutput,
  TransactWriteItemsInput,
  TransactWriteItemsOutput,
  UpdateItemInput,
  WriteOutput,
} from "./item_operations.ts";
import type {
  BatchExecuteStatementInput,
  BatchExecuteStatementOutput,
  ExecuteStatementInput,
  ExecuteStatementOutput,
  ExecuteTransactionInput,
  ExecuteTransactionOutput,
} from "./statement_operations.ts";
import type {
  CreateTableInput,
  DescribeLimitsOutput,
  DescribeTableOutput,
  DescribeTimeToLiveOutput,
  ListTablesInput,
  ListTablesOutput,
  ListTagsOfResourceInput,
  ListTagsOfResourceOutput,
  TableDescriptionOutput,
  TableNameInput,
  TagResourceInput,
  UntagResourceInput,
  UpdateTableInput,
  UpdateTimeToLiveInput,
  UpdateTimeToLiveOutput,
} from "./table_operations.ts";
import { methodName, REQUIRED } from "./_required.ts";

/** An operation with no input fields or no output fields. */
export type Empty = Record<never, never>;

/** Each named operation mapped to `[input, output]`, its wire shapes. */
export type Operations = {
  BatchExecuteStatement: [BatchExecuteStatementInput, BatchExecuteStatementOutput];
  BatchGetItem: [BatchGetItemInput, BatchGetItemOutput];
  BatchWriteItem: [BatchWriteItemInput, BatchWriteItemOutput];
  CreateTable: [CreateTableInput, TableDescriptionOutput];
  DeleteItem: [DeleteItemInput, WriteOutput];
  DeleteTable: [TableNameInput, TableDescriptionOutput];
  DescribeLimits: [Empty, DescribeLimitsOutput];
  DescribeTable: [TableNameInput, DescribeTableOutput];
  DescribeTimeToLive: [TableNameInput, DescribeTimeToLiveOutput];
  ExecuteStatement: [ExecuteStatementInput, ExecuteStatementOutput];
  ExecuteTransaction: [ExecuteTransactionInput, ExecuteTransactionOutput];
  GetItem: [GetItemInput, GetItemOutput];
  ListTables: [ListTablesInput, ListTablesOutput];
  ListTagsOfResource: [ListTagsOfResourceInput, ListTagsOfResourceOutput];
  PutItem: [PutItemInput, WriteOutput];
  Query: [QueryInput, ReadManyOutput];
  Scan: [ScanInput, ReadManyOutput];
  TagResource: [TagResourceInput, Empty];
  TransactGetItems: [TransactGetItemsInput, TransactGetItemsOutput];
  TransactWriteItems: [TransactWriteItemsInput, TransactWriteItemsOutput];
  UntagResource: [UntagResourceInput, Empty];
  UpdateItem: [UpdateItemInput, WriteOutput];
  UpdateTable: [UpdateTableInput, TableDescriptionOutput];
  UpdateTimeToLive: [UpdateTimeToLiveInput, UpdateTimeToLiveOutput];
};

/** The name of an operation this client has a method for, like `"PutItem"`. */
export type OperationName = keyof Operations;

/** What the client knows of one operation: its name, its method name and its required input fields. */
export type OperationDescriptor = {
  /** The API's name, like `PutItem`. */
  readonly name: string;
  /** The client's method, like `putItem`. */
  readonly method: string;
  /** Top-level input fields the service requires; missing ones are caught before sending. */
  readonly required: readonly string[];
};

/**
 * Every operation the client has a method for, in alphabetical order.
 *
 * @example
 * ```ts
 * import { OPERATIONS } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const put = OPERATIONS.find((op) => op.name === "PutItem");
 * assertEquals(put, { name: "PutItem", method: "putItem", required: ["TableName", "Item"] });
 * ```
 */
export const OPERATIONS: readonly OperationDescriptor[] = /* @__PURE__ */ Array.from(
  REQUIRED,
  ([name, required]) => ({ name, method: methodName(name), required }),
);
