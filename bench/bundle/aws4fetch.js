// aws4fetch doing put, get and query: it only signs, so the JSON bodies are written by hand.
import { AwsClient } from "aws4fetch";

export async function run(region, accessKeyId, secretAccessKey, TableName) {
  const aws = new AwsClient({ accessKeyId, secretAccessKey, region, service: "dynamodb" });
  const url = `https://dynamodb.${region}.amazonaws.com/`;
  const call = async (op, body) => {
    const res = await aws.fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `DynamoDB_20120810.${op}`,
      },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  await call("PutItem", { TableName, Item: { pk: { S: "a" }, sk: { N: "1" } } });
  const got = await call("GetItem", { TableName, Key: { pk: { S: "a" }, sk: { N: "1" } } });
  const page = await call("Query", {
    TableName,
    KeyConditionExpression: "#p = :p",
    ExpressionAttributeNames: { "#p": "pk" },
    ExpressionAttributeValues: { ":p": { S: "a" } },
  });
  return [got.Item, page.Items];
}
