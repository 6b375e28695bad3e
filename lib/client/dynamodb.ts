/**
 * The low-level client (boto's Layer1): one method per DynamoDB operation, taking and returning the
 * wire shapes.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { invalid } from "../errors.ts";
import type {
  BatchExecuteStatementInput,
  BatchExecuteStatementOutput,
  BatchGetItemInput,
  BatchGetItemOutput,
  BatchWriteItemInput,
  BatchWriteItemOutput,
  CreateTableInput,
  DeleteItemInput,
  DescribeLimitsOutput,
  DescribeTableOutput,
  DescribeTimeToLiveOutput,
  Empty,
  ExecuteStatementInput,
  ExecuteStatementOutput,
  ExecuteTransactionInput,
  ExecuteTransactionOutput,
  GetItemInput,
  GetItemOutput,
  ListTablesInput,
  ListTablesOutput,
  ListTagsOfResourceInput,
  ListTagsOfResourceOutput,
  OperationName,
  Operations,
  PutItemInput,
  QueryInput,
  ReadManyOutput,
  ScanInput,
  TableDescriptionOutput,
  TableNameInput,
  TagResourceInput,
  TransactGetItemsInput,
  TransactGetItemsOutput,
  TransactWriteItemsInput,
  TransactWriteItemsOutput,
  UntagResourceInput,
  UpdateItemInput,
  UpdateTableInput,
  UpdateTimeToLiveInput,
  UpdateTimeToLiveOutput,
  WriteOutput,
} from "../operations/mod.ts";
import { methodName, REQUIRED } from "../operations/_required.ts";
import type { Credentials, CredentialsProvider } from "../sigv4/mod.ts";
import type { CallOptions, TransportConfig } from "../transport/mod.ts";
import { checkEndpoint, fetchTransport, regionEndpoint, send, sleep } from "../transport/mod.ts";
import type { DynamoDBOptions } from "./options.ts";
import { defaultTransport } from "./_default_transport.ts";

// The methods are generated from the operation table below the class; this declaration types them.
/** The operations of the low-level client: each takes the wire input and an optional `CallOptions`. */
export interface DynamoDB {
  /** Runs up to 25 PartiQL statements, each succeeding or failing alone. */
  batchExecuteStatement(
    input: BatchExecuteStatementInput,
    call?: CallOptions,
  ): Promise<BatchExecuteStatementOutput>;
  /** Reads up to 100 items by key from one or more tables. */
  batchGetItem(input: BatchGetItemInput, call?: CallOptions): Promise<BatchGetItemOutput>;
  /** Puts or deletes up to 25 items in one or more tables. */
  batchWriteItem(input: BatchWriteItemInput, call?: CallOptions): Promise<BatchWriteItemOutput>;
  /** Creates a table. */
  createTable(input: CreateTableInput, call?: CallOptions): Promise<TableDescriptionOutput>;
  /** Deletes one item by key, optionally under a condition. */
  deleteItem(input: DeleteItemInput, call?: CallOptions): Promise<WriteOutput>;
  /** Deletes a table. */
  deleteTable(input: TableNameInput, call?: CallOptions): Promise<TableDescriptionOutput>;
  /** Reads the account's provisioned-capacity limits in the region. */
  describeLimits(input?: Empty, call?: CallOptions): Promise<DescribeLimitsOutput>;
  /** Describes a table: key schema, indexes, status, sizes. */
  describeTable(input: TableNameInput, call?: CallOptions): Promise<DescribeTableOutput>;
  /** Reads a table's time-to-live settings. */
  describeTimeToLive(input: TableNameInput, call?: CallOptions): Promise<DescribeTimeToLiveOutput>;
  /** Runs one PartiQL statement. */
  executeStatement(
    input: ExecuteStatementInput,
    call?: CallOptions,
  ): Promise<ExecuteStatementOutput>;
  /** Runs up to 100 PartiQL statements as one transaction. */
  executeTransaction(
    input: ExecuteTransactionInput,
    call?: CallOptions,
  ): Promise<ExecuteTransactionOutput>;
  /** Reads one item by key. */
  getItem(input: GetItemInput, call?: CallOptions): Promise<GetItemOutput>;
  /** Lists table names, a page at a time. */
  listTables(input?: ListTablesInput, call?: CallOptions): Promise<ListTablesOutput>;
  /** Lists the tags of a table or index. */
  listTagsOfResource(
    input: ListTagsOfResourceInput,
    call?: CallOptions,
  ): Promise<ListTagsOfResourceOutput>;
  /** Writes one item, replacing any item with its key, optionally under a condition. */
  putItem(input: PutItemInput, call?: CallOptions): Promise<WriteOutput>;
  /** Reads a page of the items sharing a partition key. */
  query(input: QueryInput, call?: CallOptions): Promise<ReadManyOutput>;
  /** Reads a page of a whole table or index. */
  scan(input: ScanInput, call?: CallOptions): Promise<ReadManyOutput>;
  /** Adds tags to a table or index. */
  tagResource(input: TagResourceInput, call?: CallOptions): Promise<Empty>;
  /** Reads up to 100 items atomically. */
  transactGetItems(
    input: TransactGetItemsInput,
    call?: CallOptions,
  ): Promise<TransactGetItemsOutput>;
  /** Writes up to 100 items atomically, all or nothing. */
  transactWriteItems(
    input: TransactWriteItemsInput,
    call?: CallOptions,
  ): Promise<TransactWriteItemsOutput>;
  /** Removes tags from a table or index. */
  untagResource(input: UntagResourceInput, call?: CallOptions): Promise<Empty>;
  /** Updates (or creates) one item with an update expression. */
  updateItem(input: UpdateItemInput, call?: CallOptions): Promise<WriteOutput>;
  /** Changes a table's throughput, billing mode, indexes or stream. */
  updateTable(input: UpdateTableInput, call?: CallOptions): Promise<TableDescriptionOutput>;
  /** Turns time to live on or off for a table. */
  updateTimeToLive(
    input: UpdateTimeToLiveInput,
    call?: CallOptions,
  ): Promise<UpdateTimeToLiveOutput>;
}

/**
 * A DynamoDB client: one camelCase method per operation (`putItem`, `query`, ...), wire shapes in and out,
 * with signing, retries, timeouts and CRC-32 checks. `request` reaches any other operation.
 *
 * @example
 * ```ts
 * import { DynamoDB } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const db = new DynamoDB({
 *   region: "eu-west-1",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   fetch: (_url, init) => {
 *     assertEquals(JSON.parse(init.body).TableName, "users");
 *     return Promise.resolve(new Response('{"Item":{"id":{"S":"1"}}}'));
 *   },
 * });
 * const { Item } = await db.getItem({ TableName: "users", Key: { id: { S: "1" } } });
 * assertEquals(Item, { id: { S: "1" } });
 * ```
 */
export class DynamoDB {
  /** How many throttling responses this client has received (boto's throughput_exceeded_events). */
  throughputExceededEvents = 0;
  #options: DynamoDBOptions;
  // The endpoint, when the options settle it (a custom one, or the region's); checked once, here.
  #url?: string;
  #config?: TransportConfig;
  #pending?: Promise<TransportConfig>;

  /**
   * Makes a client. Nothing is sent and no environment is read until the first call.
   *
   * @param options See `DynamoDBOptions`.
   * @throws {ValidationError} For a bad region, endpoint or number option.
   */
  constructor(options: DynamoDBOptions = {}) {
    if (!installed) install();
    this.#options = options;
    for (const [key, min] of [["maxAttempts", 1], ["timeoutMs", 0], ["retryBaseMs", 0]] as const) {
      const value = options[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
        throw invalid(key, "bad option", String(value), `a number >= ${min}`);
      }
    }
    const { region, endpoint, credentials } = options;
    const regional = region === undefined ? undefined : regionEndpoint(region);
    this.#url = endpoint === undefined ? regional : checkEndpoint(endpoint, options.allowHttp);
    if (region !== undefined && credentials !== undefined) {
      this.#config = this.#resolve(region, credentials);
    }
  }

  /**
   * Sends any operation (boto's `make_request`): the named ones are typed, any other takes and returns
   * plain objects.
   *
   * @param operation The API's operation name, like `DescribeContinuousBackups`.
   * @param body The operation's input in wire form.
   * @param call The caller's `signal` and per-attempt `timeoutMs`.
   * @returns The operation's output.
   * @throws {ValidationError} For bad input, before anything is sent.
   * @throws {DynamoDBError} What the service said (a subclass for the errors callers handle).
   * @throws {TransportError} A network, timeout or checksum failure that outlasted the retries.
   */
  request<K extends OperationName>(
    operation: K,
    body: Operations[K][0],
    call?: CallOptions,
  ): Promise<Operations[K][1]>;
  /** Sends an operation without a typed method, with plain objects in and out. */
  request(operation: string, body: object, call?: CallOptions): Promise<Record<string, unknown>>;
  request(operation: string, body: object, call?: CallOptions): Promise<Record<string, unknown>> {
    const config = this.#config;
    if (config) return send(config, this, operation, body, call);
    // A failed start (no region yet) is not cached: the next call tries again.
    this.#pending ??= this.#init().catch((error) => {
      this.#pending = undefined;
      throw error;
    });
    return this.#pending.then((c) => send(c, this, operation, body, call));
  }

  // The region or the credentials come from the environment: read on first use, by a module loaded then.
  async #init(): Promise<TransportConfig> {
    const { region, endpoint, credentials } = this.#options;
    const defaults = await import("./_defaults.ts");
    return this.#config = this.#resolve(
      region ?? (await defaults.defaultRegion(endpoint)),
      credentials ?? defaults.defaultCredentials(),
    );
  }

  #resolve(region: string, given: Credentials | CredentialsProvider): TransportConfig {
    const o = this.#options;
    const credentials: TransportConfig["credentials"] = typeof given === "function"
      ? (forceRefresh) => given(forceRefresh ? { forceRefresh } : undefined)
      : (): Credentials => given;
    return {
      url: this.#url ?? regionEndpoint(region),
      region,
      credentials,
      refreshable: typeof given === "function",
      transport: o.transport ?? (o.fetch ? fetchTransport(o.fetch) : defaultTransport()),
      maxAttempts: o.maxAttempts ?? 10,
      timeoutMs: o.timeoutMs ?? 30_000,
      validateChecksums: o.validateChecksums ?? true,
      baseDelayMs: o.retryBaseMs ?? 50,
      maxDelayMs: o.retryMaxMs ?? 20_000,
      now: o.now ?? Date.now,
      sleep: o.sleep ?? sleep,
      random: o.random ?? Math.random,
      hashing: o.hashing,
      onEvent: o.onEvent,
    };
  }
}

// Installs one method per operation on first construction rather than at import, so that importing the
// package without using the client leaves no side effect and bundlers can drop the client.
function install(): void {
  installed = true;
  for (const name of REQUIRED.keys()) {
    Reflect.set(
      DynamoDB.prototype,
      methodName(name),
      function (this: DynamoDB, input: object = {}, call?: CallOptions) {
        return this.request(name, input, call);
      },
    );
  }
}
let installed = false;
