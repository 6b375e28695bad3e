// The operations the client names, each with the top-level input fields the service requires ("T" is
// TableName), in alphabetical order: the one table the client's methods, `buildRequest`'s check and
// `OPERATIONS` are made from.
const TABLE = "BatchExecuteStatement Statements,BatchGetItem RequestItems," +
  "BatchWriteItem RequestItems,CreateTable T KeySchema AttributeDefinitions,DeleteItem T Key," +
  "DeleteTable T,DescribeLimits,DescribeTable T,DescribeTimeToLive T,ExecuteStatement Statement," +
  "ExecuteTransaction TransactStatements,GetItem T Key,ListTables,ListTagsOfResource ResourceArn," +
  "PutItem T Item,Query T,Scan T,TagResource ResourceArn Tags,TransactGetItems TransactItems," +
  "TransactWriteItems TransactItems,UntagResource ResourceArn TagKeys,UpdateItem T Key,UpdateTable T," +
  "UpdateTimeToLive T TimeToLiveSpecification";

// Operation name -> its required fields (a Map: a name from the caller never meets a prototype key).
export const REQUIRED: Map<string, string[]> = /* @__PURE__ */ new Map(
  TABLE.replace(/ T\b/g, " TableName").split(",").map((entry) => {
    const [name, ...required] = entry.split(" ");
    return [name, required];
  }),
);

// The client's method for an operation: `PutItem` -> `putItem`.
export const methodName = (name: string): string => name[0].toLowerCase() + name.slice(1);
