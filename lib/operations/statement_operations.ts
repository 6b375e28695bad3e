/**
 * Inputs and outputs of the PartiQL operations: ExecuteStatement, BatchExecuteStatement and
 * ExecuteTransaction, in their wire form.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap } from "../codec/mod.ts";
import type { ParameterizedStatement } from "./item_operations.ts";
import type { ConsumedCapacity, ReturnConsumedCapacity } from "./shapes.ts";

/** The input of ExecuteStatement. */
export type ExecuteStatementInput = ParameterizedStatement & {
  ConsistentRead?: boolean;
  NextToken?: string;
  Limit?: number;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
};
/** The output of ExecuteStatement; `NextToken` is present when there are more. */
export type ExecuteStatementOutput = {
  Items?: AttributeMap[];
  NextToken?: string;
  LastEvaluatedKey?: AttributeMap;
  ConsumedCapacity?: ConsumedCapacity;
};
/** The input of BatchExecuteStatement: up to 25 statements, each succeeding or failing alone. */
export type BatchExecuteStatementInput = {
  Statements: (ParameterizedStatement & { ConsistentRead?: boolean })[];
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
};
/** The output of BatchExecuteStatement: one response per statement, in order. */
export type BatchExecuteStatementOutput = {
  Responses?: {
    TableName?: string;
    Item?: AttributeMap;
    Error?: { Code?: string; Message?: string; Item?: AttributeMap };
  }[];
  ConsumedCapacity?: ConsumedCapacity[];
};
/** The input of ExecuteTransaction: up to 100 statements, all or nothing. */
export type ExecuteTransactionInput = {
  TransactStatements: ParameterizedStatement[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
};
/** The output of ExecuteTransaction. */
export type ExecuteTransactionOutput = {
  Responses?: { Item?: AttributeMap }[];
  ConsumedCapacity?: ConsumedCapacity[];
};
