/**
 * Inputs and outputs of the table operations: CreateTable, DescribeTable, UpdateTable, DeleteTable,
 * ListTables, the time-to-live and tag operations and DescribeLimits, in their wire form.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type {
  AttributeDefinition,
  BillingMode,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  OnDemandThroughput,
  ProvisionedThroughput,
  StreamSpecification,
  TableDescription,
  Tag,
} from "./shapes.ts";

/** The input of CreateTable. */
export type CreateTableInput = {
  TableName: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: ProvisionedThroughput;
  OnDemandThroughput?: OnDemandThroughput;
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  StreamSpecification?: StreamSpecification;
  SSESpecification?: { Enabled?: boolean; SSEType?: "AES256" | "KMS"; KMSMasterKeyId?: string };
  TableClass?: "STANDARD" | "STANDARD_INFREQUENT_ACCESS";
  DeletionProtectionEnabled?: boolean;
  ResourcePolicy?: string;
  Tags?: Tag[];
};
/** The input of DescribeTable and DeleteTable. */
export type TableNameInput = { TableName: string };
/** The output of CreateTable, UpdateTable and DeleteTable. */
export type TableDescriptionOutput = { TableDescription?: TableDescription };
/** The output of DescribeTable. */
export type DescribeTableOutput = { Table?: TableDescription };

/** One change to a global secondary index in UpdateTable. */
export type GlobalSecondaryIndexUpdate =
  | { Create: GlobalSecondaryIndex }
  | {
    Update: {
      IndexName: string;
      ProvisionedThroughput?: ProvisionedThroughput;
      OnDemandThroughput?: OnDemandThroughput;
    };
  }
  | { Delete: { IndexName: string } };
/** The input of UpdateTable. */
export type UpdateTableInput = {
  TableName: string;
  AttributeDefinitions?: AttributeDefinition[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: ProvisionedThroughput;
  OnDemandThroughput?: OnDemandThroughput;
  GlobalSecondaryIndexUpdates?: GlobalSecondaryIndexUpdate[];
  StreamSpecification?: StreamSpecification;
  TableClass?: "STANDARD" | "STANDARD_INFREQUENT_ACCESS";
  DeletionProtectionEnabled?: boolean;
  SSESpecification?: { Enabled?: boolean; SSEType?: "AES256" | "KMS"; KMSMasterKeyId?: string };
  ReplicaUpdates?: Record<string, unknown>[];
};

/** The input of ListTables. */
export type ListTablesInput = { ExclusiveStartTableName?: string; Limit?: number };
/** The output of ListTables; `LastEvaluatedTableName` is present when there are more. */
export type ListTablesOutput = { TableNames?: string[]; LastEvaluatedTableName?: string };

/** Time-to-live settings of a table. */
export type TimeToLiveSpecification = { Enabled: boolean; AttributeName: string };
/** The output of DescribeTimeToLive. */
export type DescribeTimeToLiveOutput = {
  TimeToLiveDescription?: {
    TimeToLiveStatus?: "ENABLING" | "DISABLING" | "ENABLED" | "DISABLED";
    AttributeName?: string;
  };
};
/** The input of UpdateTimeToLive. */
export type UpdateTimeToLiveInput = {
  TableName: string;
  TimeToLiveSpecification: TimeToLiveSpecification;
};
/** The output of UpdateTimeToLive: the specification as the service accepted it. */
export type UpdateTimeToLiveOutput = { TimeToLiveSpecification?: TimeToLiveSpecification };

/** The input of ListTagsOfResource. */
export type ListTagsOfResourceInput = { ResourceArn: string; NextToken?: string };
/** The output of ListTagsOfResource. */
export type ListTagsOfResourceOutput = { Tags?: Tag[]; NextToken?: string };
/** The input of TagResource. */
export type TagResourceInput = { ResourceArn: string; Tags: Tag[] };
/** The input of UntagResource. */
export type UntagResourceInput = { ResourceArn: string; TagKeys: string[] };

/** The output of DescribeLimits: the account's and each new table's capacity limits in the region. */
export type DescribeLimitsOutput = {
  AccountMaxReadCapacityUnits?: number;
  AccountMaxWriteCapacityUnits?: number;
  TableMaxReadCapacityUnits?: number;
  TableMaxWriteCapacityUnits?: number;
};
