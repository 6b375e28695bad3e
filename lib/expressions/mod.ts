/**
 * Expressions: condition, key, filter, update and projection builders, boto's conditions, and the
 * compiler that turns them into request fields with placeholders.
 *
 * This module is browser compatible.
 *
 * @module
 */
export { parsePath, path } from "./path.ts";
export type { AttributePath, PathElement, PathInput } from "./path.ts";
export { and, Attr, Key, not, or, size } from "./condition.ts";
export type {
  AttributeTypeName,
  AttrRef,
  Comparable,
  Condition,
  ConditionOperator,
  KeyRef,
  Operand,
} from "./condition.ts";
export { ifNotExists, listAppend, minus, plus, update } from "./update.ts";
export type { UpdateAction, UpdateBuilder, UpdateOperand } from "./update.ts";
export { projection } from "./projection.ts";
export { compileExpressions } from "./compile.ts";
export type { CompiledExpressions, ExpressionParts } from "./compile.ts";
export {
  BEGINS_WITH,
  BETWEEN,
  conditionFromMap,
  CONTAINS,
  EQ,
  expectedToCondition,
  GE,
  GT,
  IN,
  LE,
  LT,
  NE,
  NOT_CONTAINS,
  NOT_NULL,
  NULL,
} from "./boto_conditions.ts";
export type { BotoCondition, BotoOperator } from "./boto_conditions.ts";
