/**
 * Wire shapes shared by several DynamoDB operations (`DynamoDB_20120810`): keys, capacity, table
 * descriptions. Field names are the service's own (PascalCase); dates are epoch seconds, as on the wire.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap } from "../codec/mod.ts";

/** Which attributes a write returns: `NONE` (default), `ALL_OLD`, `UPDATED_OLD`, `ALL_NEW`, `UPDATED_NEW`. */
export type ReturnValue = "NONE" | "ALL_OLD" | "UPDATED_OLD" | "ALL_NEW" | "UPDATED_NEW";
/** Whether a failed condition returns the item: `ALL_OLD` or `NONE`. */
export type ReturnValuesOnConditionCheckFailure = "ALL_OLD" | "NONE";
/** How much consumed capacity a response reports. */
export type ReturnConsumedCapacity = "INDEXES" | "TOTAL" | "NONE";
/** Whether a write reports item collection metrics. */
export type ReturnItemCollectionMetrics = "SIZE" | "NONE";
/** The attribute types a key can have: string, number, binary. */
export type ScalarAttributeType = "S" | "N" | "B";
/** `PROVISIONED` or `PAY_PER_REQUEST` (on-demand). */
export type BillingMode = "PROVISIONED" | "PAY_PER_REQUEST";
/** The state of a table or index. */
export type TableStatus =
  | "CREATING"
  | "UPDATING"
  | "DELETING"
  | "ACTIVE"
  | "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
  | "ARCHIVING"
  | "ARCHIVED";

/** Capacity consumed on one table or index. */
export type Capacity = {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  CapacityUnits?: number;
};

/** The capacity an operation consumed, when `ReturnConsumedCapacity` asks for it. */
export type ConsumedCapacity = Capacity & {
  TableName?: string;
  Table?: Capacity;
  LocalSecondaryIndexes?: Record<string, Capacity>;
  GlobalSecondaryIndexes?: Record<string, Capacity>;
};

/** The size estimate of an item collection, when `ReturnItemCollectionMetrics` is `SIZE`. */
export type ItemCollectionMetrics = {
  ItemCollectionKey?: AttributeMap;
  SizeEstimateRangeGB?: number[];
};

/** One element of a key schema: the partition (`HASH`) or sort (`RANGE`) key. */
export type KeySchemaElement = { AttributeName: string; KeyType: "HASH" | "RANGE" };
/** The type of an attribute used in a key schema. */
export type AttributeDefinition = { AttributeName: string; AttributeType: ScalarAttributeType };
/** Read and write capacity units for a provisioned table or index. */
export type ProvisionedThroughput = { ReadCapacityUnits: number; WriteCapacityUnits: number };
/** Maximum on-demand request units (`-1` for no limit). */
export type OnDemandThroughput = { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
/** Which attributes an index copies from the table. */
export type Projection = {
  ProjectionType?: "ALL" | "KEYS_ONLY" | "INCLUDE";
  NonKeyAttributes?: string[];
};
/** A local secondary index, as `CreateTable` takes it. */
export type LocalSecondaryIndex = {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
};
/** A global secondary index, as `CreateTable` takes it. */
export type GlobalSecondaryIndex = LocalSecondaryIndex & {
  ProvisionedThroughput?: ProvisionedThroughput;
  OnDemandThroughput?: OnDemandThroughput;
};
/** Whether the table has a stream and what it carries. */
export type StreamSpecification = {
  StreamEnabled: boolean;
  StreamViewType?: "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES" | "KEYS_ONLY";
};
/** A resource tag. */
export type Tag = { Key: string; Value: string };

/** Provisioned throughput as a description reports it, with the times of the last changes. */
export type ProvisionedThroughputDescription = {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  NumberOfDecreasesToday?: number;
  LastIncreaseDateTime?: number;
  LastDecreaseDateTime?: number;
};

/** A secondary index as `DescribeTable` reports it. */
export type IndexDescription = {
  IndexName?: string;
  KeySchema?: KeySchemaElement[];
  Projection?: Projection;
  IndexStatus?: "CREATING" | "UPDATING" | "DELETING" | "ACTIVE";
  Backfilling?: boolean;
  ProvisionedThroughput?: ProvisionedThroughputDescription;
  OnDemandThroughput?: OnDemandThroughput;
  IndexSizeBytes?: number;
  ItemCount?: number;
  IndexArn?: string;
};

/** A table as `CreateTable`, `DescribeTable`, `UpdateTable` and `DeleteTable` report it. */
export type TableDescription = {
  TableName?: string;
  TableArn?: string;
  TableId?: string;
  TableStatus?: TableStatus;
  KeySchema?: KeySchemaElement[];
  AttributeDefinitions?: AttributeDefinition[];
  CreationDateTime?: number;
  ProvisionedThroughput?: ProvisionedThroughputDescription;
  BillingModeSummary?: { BillingMode?: BillingMode; LastUpdateToPayPerRequestDateTime?: number };
  OnDemandThroughput?: OnDemandThroughput;
  TableSizeBytes?: number;
  ItemCount?: number;
  LocalSecondaryIndexes?: IndexDescription[];
  GlobalSecondaryIndexes?: IndexDescription[];
  StreamSpecification?: StreamSpecification;
  LatestStreamLabel?: string;
  LatestStreamArn?: string;
  DeletionProtectionEnabled?: boolean;
  TableClassSummary?: { TableClass?: string; LastUpdateDateTime?: number };
  SSEDescription?: Record<string, unknown>;
  Replicas?: Record<string, unknown>[];
  GlobalTableVersion?: string;
  RestoreSummary?: Record<string, unknown>;
  ArchivalSummary?: Record<string, unknown>;
};
