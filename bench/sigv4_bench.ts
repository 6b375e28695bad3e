// Signing a DynamoDB PutItem with a 1 KB body: dynafetch (each hashing path) next to aws4fetch's
// AwsV4Signer, @smithy/signature-v4 with @aws-crypto/sha256-js, and the WebCrypto floor (two SHA-256
// digests and one HMAC with an already imported key, on already encoded inputs), in one run.
//
//   npx -y deno@2.9.6 bench -A bench/sigv4_bench.ts
//
// Deno prints each entry's speed relative to the baseline (dynafetch with hashing "webcrypto").
import { AwsV4Signer } from "aws4fetch";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { signRequest } from "../lib/sigv4/mod.ts";
import type { Hashing } from "../lib/sigv4/mod.ts";

const region = "us-east-1";
const host = `dynamodb.${region}.amazonaws.com`;
const url = `https://${host}/`;
const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const headers = {
  "content-type": "application/x-amz-json-1.0",
  "x-amz-target": "DynamoDB_20120810.PutItem",
};
const item = { pk: { S: "user#1234" }, sk: { S: "profile" }, n: { N: "42" }, text: { S: "" } };
const filler = 1024 - JSON.stringify({ TableName: "bench", Item: item }).length;
item.text.S = "lorem ipsum ".repeat(100).slice(0, filler);
const body = JSON.stringify({ TableName: "bench", Item: item });
if (body.length !== 1024) throw new Error(`body is ${body.length} bytes`);

for (const hashing of ["webcrypto", "js", "auto"] as Hashing[]) {
  Deno.bench(`dynafetch signRequest (hashing ${hashing})`, {
    group: "sign",
    baseline: hashing === "webcrypto",
  }, async () => {
    await signRequest({ method: "POST", url, headers, body }, {
      credentials,
      region,
      service: "dynamodb",
      hashing,
    });
  });
}

Deno.bench("aws4fetch AwsV4Signer", { group: "sign" }, async () => {
  await new AwsV4Signer({
    url,
    method: "POST",
    headers,
    body,
    ...credentials,
    service: "dynamodb",
    region,
  }).sign();
});

const smithy = new SignatureV4({ credentials, region, service: "dynamodb", sha256: Sha256 });
Deno.bench("@smithy/signature-v4 + @aws-crypto/sha256-js", { group: "sign" }, async () => {
  await smithy.sign({
    method: "POST",
    protocol: "https:",
    hostname: host,
    path: "/",
    query: {},
    headers: { ...headers, host },
    body,
  });
});

const encoder = new TextEncoder();
const bodyBytes = encoder.encode(body);
const canonicalBytes = encoder.encode(
  `POST\n/\n\ncontent-type:${headers["content-type"]}\nhost:${host}\n` +
    `x-amz-date:20150830T123600Z\nx-amz-target:${headers["x-amz-target"]}\n\n` +
    `content-type;host;x-amz-date;x-amz-target\n${"0".repeat(64)}`,
);
const stringToSignBytes = encoder.encode(
  `AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/${region}/dynamodb/aws4_request\n${"0".repeat(64)}`,
);
const key = await crypto.subtle.importKey(
  "raw",
  crypto.getRandomValues(new Uint8Array(32)),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign"],
);
Deno.bench("WebCrypto floor: 2 digests + 1 HMAC", { group: "sign" }, async () => {
  await crypto.subtle.digest("SHA-256", bodyBytes);
  await crypto.subtle.digest("SHA-256", canonicalBytes);
  await crypto.subtle.sign("HMAC", key, stringToSignBytes);
});
