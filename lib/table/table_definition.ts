// Table definitions (internal; `db.createTable`, `db.getTable` and `db.listTableNames` load it on first
// use): a definition (keys as `[name, type]`, billing, secondary indexes, stream, TTL, tags) turned into a
// CreateTable request, the schema read back from a description, and the list of table names. The definition types are public (mod.ts exports them).
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
import type { DynamoDB } from "../client/mod.ts";
import type { CodecOptions } from "../codec/mod.ts";
import { ValidationError } from "../errors.ts";
import type {
  AttributeDefinition,
  CreateTableInput,
  KeySchemaElement,
  Projection,
  StreamSpecification,
  TableDescription,
} from "../operations/mod.ts";
import { checkName } from "./_names.ts";
import type { CreateTableOptions, Database } from "./database.ts";
import type { Table } from "./table.ts";
import type { CallOptions } from "../transport/mod.ts";
import type { KeyAttribute, KeySchema, KeyType, TableSchema } from "./schema.ts";

/** Read and write capacity units. */
export interface Throughput {
  /** Read capacity units. */
  read: number;
  /** Write capacity units. */
  write: number;
}

/** Which attributes an index holds: all, the keys only, or the keys and the named attributes. */
export type IndexProjection = "all" | "keys" | readonly string[];

/** A global secondary index of a table definition. */
export interface GlobalIndexDefinition extends KeySchema {
  /** The index name. */
  name: string;
  /** The attributes it holds; default `"all"`. */
  projection?: IndexProjection;
  /** Its throughput, for a provisioned table; default the table's. */
  throughput?: Throughput;
}

/** A local secondary index of a table definition: the table's partition key and another sort key. */
export interface LocalIndexDefinition {
  /** The index name. */
  name: string;
  /** Its sort key. */
  sortKey: KeyAttribute;
  /** The attributes it holds; default `"all"`. */
  projection?: IndexProjection;
}

/** What `db.createTable()` takes. */
export interface TableDefinition extends KeySchema {
  /** The table name. */
  name: string;
  /** `"onDemand"` (the default) or provisioned read and write units. */
  billing?: "onDemand" | Throughput;
  /** Global secondary indexes. */
  globalIndexes?: readonly GlobalIndexDefinition[];
  /** Local secondary indexes. */
  localIndexes?: readonly LocalIndexDefinition[];
  /** A stream of changes, by what it carries. */
  stream?: NonNullable<StreamSpecification["StreamViewType"]>;
  /** The attribute holding each item's expiry time (epoch seconds); enabled once the table is ACTIVE. */
  ttl?: string;
  /** Resource tags. */
  tags?: Readonly<Record<string, string>>;
}

const units = (t: Throughput) => ({ ReadCapacityUnits: t.read, WriteCapacityUnits: t.write });

function projection(p: IndexProjection = "all"): Projection {
  return p === "all"
    ? { ProjectionType: "ALL" }
    : p === "keys"
    ? { ProjectionType: "KEYS_ONLY" }
    : { ProjectionType: "INCLUDE", NonKeyAttributes: [...p] };
}

/**
 * Turns a table definition into a CreateTable request: attribute definitions are collected from every key,
 * and a global index of a provisioned table gets the table's throughput unless it has its own.
 *
 * @param definition The table definition.
 * @returns The CreateTable input.
 * @throws {ValidationError} For a bad table or index name, a bad key type, or one attribute given two types.
 */
export function createTableInput(definition: TableDefinition): CreateTableInput {
  const { billing = "onDemand", stream, tags } = definition;
  const types = new Map<string, KeyType>();
  const keySchema = (k: KeySchema, path: string): KeySchemaElement[] =>
    [[k.partitionKey, "HASH"] as const, [k.sortKey, "RANGE"] as const].flatMap(
      ([attr, KeyType]) => {
        if (!attr) return [];
        const [name, type] = attr;
        if (typeof name !== "string" || !name || !["S", "N", "B"].includes(type)) {
          throw new ValidationError("bad key attribute", {
            path,
            found: JSON.stringify(attr),
            allowed: '[name, "S" | "N" | "B"]',
          });
        }
        const known = types.get(name);
        if (known && known !== type) {
          throw new ValidationError("an attribute with two types", {
            path,
            found: `${name}: ${known} and ${type}`,
            allowed: "one type per attribute",
          });
        }
        types.set(name, type);
        return [{ AttributeName: name, KeyType }];
      },
    );
  const input: CreateTableInput = {
    TableName: checkName(definition.name, "name"),
    KeySchema: keySchema(definition, "partitionKey"),
    AttributeDefinitions: [],
    BillingMode: billing === "onDemand" ? "PAY_PER_REQUEST" : "PROVISIONED",
  };
  if (billing !== "onDemand") input.ProvisionedThroughput = units(billing);
  const gsis = definition.globalIndexes ?? [];
  if (gsis.length) {
    input.GlobalSecondaryIndexes = gsis.map((g, i) => ({
      IndexName: checkName(g.name, `globalIndexes[${i}].name`),
      KeySchema: keySchema(g, `globalIndexes[${i}]`),
      Projection: projection(g.projection),
      ...(billing !== "onDemand" && { ProvisionedThroughput: units(g.throughput ?? billing) }),
    }));
  }
  const lsis = definition.localIndexes ?? [];
  if (lsis.length && !definition.sortKey) {
    throw new ValidationError("local indexes need a table with a sort key", {
      path: "localIndexes",
      found: "no sortKey",
      allowed: "a sortKey on the table",
    });
  }
  if (lsis.length) {
    input.LocalSecondaryIndexes = lsis.map((l, i) => ({
      IndexName: checkName(l.name, `localIndexes[${i}].name`),
      KeySchema: keySchema(
        { partitionKey: definition.partitionKey, sortKey: l.sortKey },
        `localIndexes[${i}]`,
      ),
      Projection: projection(l.projection),
    }));
  }
  input.AttributeDefinitions = [...types].map((
    [AttributeName, AttributeType],
  ): AttributeDefinition => ({ AttributeName, AttributeType }));
  if (stream) input.StreamSpecification = { StreamEnabled: true, StreamViewType: stream };
  if (tags && Object.keys(tags).length) {
    input.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  }
  return input;
}

/**
 * Reads a table's schema (its key and its secondary indexes' keys) from its description.
 *
 * @param description A DescribeTable (or CreateTable) description.
 * @returns The schema.
 * @throws {ValidationError} When the description has no usable key schema.
 */
export function schemaFromDescription(description: TableDescription): TableSchema {
  const types = new Map(
    (description.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]),
  );
  const keys = (elements: KeySchemaElement[] | undefined): KeySchema => {
    const attr = (kind: string): KeyAttribute | undefined => {
      const name = elements?.find((e) => e.KeyType === kind)?.AttributeName;
      const type = name === undefined ? undefined : types.get(name);
      return name === undefined || !type ? undefined : [name, type];
    };
    const partitionKey = attr("HASH");
    if (!partitionKey) {
      throw new ValidationError("no key schema in the description", {
        path: "KeySchema",
        found: JSON.stringify(elements),
        allowed: "a HASH key with its type",
      });
    }
    const sortKey = attr("RANGE");
    return sortKey ? { partitionKey, sortKey } : { partitionKey };
  };
  const schema: { -readonly [K in keyof TableSchema]: TableSchema[K] } = keys(
    description.KeySchema,
  );
  const indexes = [
    ...description.GlobalSecondaryIndexes ?? [],
    ...description.LocalSecondaryIndexes ?? [],
  ];
  if (indexes.length) {
    schema.indexes = Object.fromEntries(indexes.map((i) => [i.IndexName ?? "", keys(i.KeySchema)]));
  }
  return schema;
}

/**
 * Creates a table (what `db.createTable` does): CreateTable, then unless `wait: false` polls until ACTIVE,
 * then enables TTL when the definition names an attribute.
 *
 * @param db The database.
 * @param definition The table definition.
 * @param options Whether to wait, the longest wait, codec options, signal.
 * @returns The table.
 */
export async function createTable<T extends object>(
  db: Database,
  definition: TableDefinition,
  options: CreateTableOptions,
): Promise<Table<T>> {
  const input = createTableInput(definition);
  if (definition.ttl !== undefined && options.wait === false) {
    throw new ValidationError("ttl needs the table ACTIVE", {
      path: "ttl",
      found: "wait: false",
      allowed: "wait: true",
    });
  }
  const { TableDescription: description = {} } = await db.client.createTable(input, options);
  const table = db.table<T>(
    definition.name,
    schemaFromDescription({ ...input, ...description }),
    options,
  );
  table.description = description;
  if (options.wait === false) return table;
  await table.waitUntilActive(options);
  if (definition.ttl !== undefined) {
    await db.client.updateTimeToLive({
      TableName: table.name,
      TimeToLiveSpecification: { Enabled: true, AttributeName: definition.ttl },
    }, options);
  }
  return table;
}

/**
 * Describes a table and returns a handle with its schema (what `db.getTable` does).
 *
 * @param db The database.
 * @param name The table name.
 * @param options Codec options, signal.
 * @returns The table, described.
 */
export async function getTable<T extends object>(
  db: Database,
  name: string,
  options: CallOptions & { codec?: CodecOptions },
): Promise<Table<T>> {
  const { Table: description = {} } = await db.client.describeTable({ TableName: name }, options);
  const table = db.table<T>(name, schemaFromDescription(description), options);
  table.description = description;
  return table;
}

/**
 * Lists every table name, paging through ListTables (what `db.listTableNames` does).
 *
 * @param client The low-level client.
 * @param call Signal and timeout.
 * @returns The names.
 */
export async function listTableNames(client: DynamoDB, call?: CallOptions): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const out = await client.listTables(start ? { ExclusiveStartTableName: start } : {}, call);
    names.push(...out.TableNames ?? []);
    start = out.LastEvaluatedTableName;
  } while (start);
  return names;
}
