// The AWS SDK v3 doing what bench/bundle/dynafetch.ts does: put, get and query with native values, with
// credentials passed in.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";

export async function run(region, accessKeyId, secretAccessKey, TableName) {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, credentials: { accessKeyId, secretAccessKey } }),
  );
  await db.send(new PutCommand({ TableName, Item: { pk: "a", sk: 1, n: 1.5 } }));
  const got = await db.send(new GetCommand({ TableName, Key: { pk: "a", sk: 1 } }));
  const page = await db.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: "#p = :p",
      ExpressionAttributeNames: { "#p": "pk" },
      ExpressionAttributeValues: { ":p": "a" },
    }),
  );
  return [got.Item, page.Items];
}
