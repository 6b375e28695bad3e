/**
 * Inputs and outputs of the item operations: GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, the
 * batch operations and the transactions, in their wire form (PascalCase fields, AttributeValues).
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap, AttributeValue } from "../codec/mod.ts";
import type {
  ConsumedCapacity,
  ItemCollectionMetrics,
  ReturnConsumedCapacity,
  ReturnItemCollectionMetrics,
  ReturnValue,
  ReturnValuesOnConditionCheckFailure,
} from "./shapes.ts";

/** Expression attribute names (`#n`) and values (`:v`), as every expression-taking operation has them. */
export type ExpressionAttributes = {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: AttributeMap;
};

/** A legacy (pre-expression) condition on one attribute, as boto's Layer1 sent them. */
export type LegacyCondition = {
  ComparisonOperator:
    | "EQ"
    | "NE"
    | "LE"
    | "LT"
    | "GE"
    | "GT"
    | "NOT_NULL"
    | "NULL"
    | "CONTAINS"
    | "NOT_CONTAINS"
    | "BEGINS_WITH"
    | "IN"
    | "BETWEEN";
  AttributeValueList?: AttributeValue[];
};
/** A legacy expected-value condition (`Expected`) of a write. */
export type LegacyExpected = {
  Value?: AttributeValue;
  Exists?: boolean;
  ComparisonOperator?: LegacyCondition["ComparisonOperator"];
  AttributeValueList?: AttributeValue[];
};
/** The legacy parameters DynamoDB still accepts in place of expressions (prefer expressions). */
export type LegacyParameters = {
  AttributesToGet?: string[];
  ConditionalOperator?: "AND" | "OR";
};

/** The input of GetItem. */
export type GetItemInput = {
  TableName: string;
  Key: AttributeMap;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  AttributesToGet?: string[];
};
/** The output of GetItem: `Item` is absent when there is no such item. */
export type GetItemOutput = { Item?: AttributeMap; ConsumedCapacity?: ConsumedCapacity };

/** The fields every single-item write shares. */
export type WriteInput = ExpressionAttributes & {
  TableName: string;
  Expected?: Record<string, LegacyExpected>;
  ConditionalOperator?: "AND" | "OR";
  ConditionExpression?: string;
  ReturnValues?: ReturnValue;
  ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnItemCollectionMetrics?: ReturnItemCollectionMetrics;
};
/** The output of PutItem, UpdateItem and DeleteItem. */
export type WriteOutput = {
  Attributes?: AttributeMap;
  ConsumedCapacity?: ConsumedCapacity;
  ItemCollectionMetrics?: ItemCollectionMetrics;
};
/** The input of PutItem. */
export type PutItemInput = WriteInput & { Item: AttributeMap };
/** The input of UpdateItem. */
export type UpdateItemInput = WriteInput & {
  Key: AttributeMap;
  UpdateExpression?: string;
  AttributeUpdates?: Record<string, { Value?: AttributeValue; Action?: "ADD" | "PUT" | "DELETE" }>;
};
/** The input of DeleteItem. */
export type DeleteItemInput = WriteInput & { Key: AttributeMap };

/** The fields Query and Scan share. */
export type ReadManyInput = ExpressionAttributes & LegacyParameters & {
  TableName: string;
  IndexName?: string;
  Select?: "ALL_ATTRIBUTES" | "ALL_PROJECTED_ATTRIBUTES" | "SPECIFIC_ATTRIBUTES" | "COUNT";
  Limit?: number;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: AttributeMap;
  ProjectionExpression?: string;
  FilterExpression?: string;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
};
/** The input of Query. */
export type QueryInput = ReadManyInput & {
  KeyConditionExpression?: string;
  ScanIndexForward?: boolean;
  KeyConditions?: Record<string, LegacyCondition>;
  QueryFilter?: Record<string, LegacyCondition>;
};
/** The input of Scan. */
export type ScanInput = ReadManyInput & {
  Segment?: number;
  TotalSegments?: number;
  ScanFilter?: Record<string, LegacyCondition>;
};
/** The output of Query and Scan: a page; `LastEvaluatedKey` is present when there are more. */
export type ReadManyOutput = {
  Items?: AttributeMap[];
  Count?: number;
  ScannedCount?: number;
  LastEvaluatedKey?: AttributeMap;
  ConsumedCapacity?: ConsumedCapacity;
};

/** The keys and options of one table in BatchGetItem. */
export type KeysAndAttributes = {
  Keys: AttributeMap[];
  AttributesToGet?: string[];
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
};
/** The input of BatchGetItem: up to 100 keys over any tables. */
export type BatchGetItemInput = {
  RequestItems: Record<string, KeysAndAttributes>;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
};
/** The output of BatchGetItem; retry `UnprocessedKeys` when present. */
export type BatchGetItemOutput = {
  Responses?: Record<string, AttributeMap[]>;
  UnprocessedKeys?: Record<string, KeysAndAttributes>;
  ConsumedCapacity?: ConsumedCapacity[];
};
/** One put or delete of BatchWriteItem. */
export type WriteRequest = { PutRequest: { Item: AttributeMap } } | {
  DeleteRequest: { Key: AttributeMap };
};
/** The input of BatchWriteItem: up to 25 puts and deletes over any tables. */
export type BatchWriteItemInput = {
  RequestItems: Record<string, WriteRequest[]>;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnItemCollectionMetrics?: ReturnItemCollectionMetrics;
};
/** The output of BatchWriteItem; retry `UnprocessedItems` when present. */
export type BatchWriteItemOutput = {
  UnprocessedItems?: Record<string, WriteRequest[]>;
  ConsumedCapacity?: ConsumedCapacity[];
  ItemCollectionMetrics?: Record<string, ItemCollectionMetrics[]>;
};

/** One read of TransactGetItems. */
export type TransactGetItem = {
  Get: {
    TableName: string;
    Key: AttributeMap;
    ProjectionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
  };
};
/** The input of TransactGetItems: up to 100 reads, all or nothing. */
export type TransactGetItemsInput = {
  TransactItems: TransactGetItem[];
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
};
/** The output of TransactGetItems, one response per read, in order. */
export type TransactGetItemsOutput = {
  Responses?: { Item?: AttributeMap }[];
  ConsumedCapacity?: ConsumedCapacity[];
};
/** The fields of one action of TransactWriteItems. */
export type TransactAction = ExpressionAttributes & {
  TableName: string;
  ConditionExpression?: string;
  ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
};
/** One action of TransactWriteItems: exactly one of the four members. */
export type TransactWriteItem =
  | { ConditionCheck: TransactAction & { Key: AttributeMap; ConditionExpression: string } }
  | { Put: TransactAction & { Item: AttributeMap } }
  | { Delete: TransactAction & { Key: AttributeMap } }
  | { Update: TransactAction & { Key: AttributeMap; UpdateExpression: string } };
/** The input of TransactWriteItems: up to 100 actions, all or nothing. */
export type TransactWriteItemsInput = {
  TransactItems: TransactWriteItem[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnItemCollectionMetrics?: ReturnItemCollectionMetrics;
};
/** The output of TransactWriteItems. */
export type TransactWriteItemsOutput = {
  ConsumedCapacity?: ConsumedCapacity[];
  ItemCollectionMetrics?: Record<string, ItemCollectionMetrics[]>;
};

/** Why one action of a cancelled transaction failed (`Code` `None` for the ones that did not). */
export type CancellationReason = { Code?: string; Message?: string; Item?: AttributeMap };

/** A PartiQL statement with its `?` parameters. */
export type ParameterizedStatement = {
  Statement: string;
  Parameters?: AttributeValue[];
  ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
};
