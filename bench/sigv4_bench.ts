// Signing a DynamoDB PutItem with a 1 KB body: dynafetch (each hashing path, and the lean signJsonPost the
// client sends with) next to aws4fetch's
// AwsV4Signer, @smithy/signature-v4 with @aws-crypto/sha256-js, and the WebCrypto floor (two SHA-256
// digests and one HMAC with an already imported key, on already encoded inputs), in one run.
//
//   npx -y deno@2.9.6 bench -A bench/sigv4_bench.ts   Deno's table, relative to dynafetch on WebCrypto
//   npx -y deno@2.9.6 run -A bench/sigv4_bench.ts     interleaved rounds: medians and the target ratios
//
// On a shared, loaded machine Deno's averages swing with the load; the interleaved mode runs the
// contenders in alternating batches, so each sees the same load, and compares medians.
import { AwsV4Signer } from "aws4fetch";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { signRequest } from "../lib/sigv4/mod.ts";
import type { Hashing } from "../lib/sigv4/mod.ts";
import { signJsonPost } from "../lib/sigv4/_json_post.ts";

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
const smithy = new SignatureV4({ credentials, region, service: "dynamodb", sha256: Sha256 });

const dynafetch = (hashing: Hashing) => async () => {
  await signRequest({ method: "POST", url, headers, body }, {
    credentials,
    region,
    service: "dynamodb",
    hashing,
  });
};

/** The contenders, by name (bench/compare.ts measures them too). */
export const contenders: Record<string, () => Promise<unknown>> = {
  "dynafetch (webcrypto)": dynafetch("webcrypto"),
  "dynafetch (js)": dynafetch("js"),
  "dynafetch (auto, the default)": dynafetch("auto"),
  "dynafetch signJsonPost (auto, the client's path)": () =>
    signJsonPost(url, headers["x-amz-target"], body, credentials, region, "dynamodb", new Date()),
  "aws4fetch AwsV4Signer": () =>
    new AwsV4Signer({
      url,
      method: "POST",
      headers,
      body,
      ...credentials,
      service: "dynamodb",
      region,
    })
      .sign(),
  "@smithy/signature-v4 + @aws-crypto/sha256-js": () =>
    smithy.sign({
      method: "POST",
      protocol: "https:",
      hostname: host,
      path: "/",
      query: {},
      headers: { ...headers, host },
      body,
    }),
  "WebCrypto floor: 2 digests + 1 HMAC": async () => {
    await crypto.subtle.digest("SHA-256", bodyBytes);
    await crypto.subtle.digest("SHA-256", canonicalBytes);
    await crypto.subtle.sign("HMAC", key, stringToSignBytes);
  },
};

for (const [name, fn] of Object.entries(contenders)) {
  Deno.bench(name, { group: "sign", baseline: name === "dynafetch (webcrypto)" }, async () => {
    await fn();
  });
}

/**
 * Runs the contenders in alternating batches, round after round, and returns each one's microseconds per
 * call in every round. A round's contenders run back to back, so a ratio taken within a round sees one
 * load; the load drifts between rounds.
 */
async function interleaved(rounds: number, batch: number): Promise<Record<string, number[]>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      const fn = contenders[name];
      const start = performance.now();
      for (let j = 0; j < batch; j++) await fn();
      samples[name].push((performance.now() - start) * 1000 / batch);
    }
  }
  return samples;
}

function quartiles(xs: number[]): [number, number, number] {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor(s.length / 4)], s[s.length >> 1], s[Math.floor(s.length * 3 / 4)]];
}

if (import.meta.main) {
  const rounds = Number(Deno.args[0] ?? 40);
  await interleaved(3, 100); // warm up
  const us = await interleaved(rounds, 100);
  for (const [name, xs] of Object.entries(us)) {
    const [, median] = quartiles(xs);
    console.log(
      `${name.padEnd(50)} ${median.toFixed(1).padStart(8)} us  ${
        (1e6 / median).toFixed(0).padStart(7)
      }/s`,
    );
  }
  /** The ratio a/b in each round: its median and interquartile range. */
  const ratio = (a: string, b: string) => quartiles(us[a].map((x, i) => x / us[b][i]));
  const show = (label: string, [q1, m, q3]: number[], target: string) =>
    console.log(
      `${label.padEnd(34)} ${m.toFixed(2)}x (IQR ${q1.toFixed(2)}-${q3.toFixed(2)}) ${target}`,
    );
  show(
    "aws4fetch time / dynafetch webcrypto",
    ratio("aws4fetch AwsV4Signer", "dynafetch (webcrypto)"),
    "target >= 4",
  );
  show(
    "dynafetch webcrypto time / floor",
    ratio("dynafetch (webcrypto)", "WebCrypto floor: 2 digests + 1 HMAC"),
    "target <= 1.3",
  );
  show(
    "smithy time / dynafetch js",
    ratio("@smithy/signature-v4 + @aws-crypto/sha256-js", "dynafetch (js)"),
    "target >= 1",
  );
  show(
    "smithy time / dynafetch auto",
    ratio("@smithy/signature-v4 + @aws-crypto/sha256-js", "dynafetch (auto, the default)"),
    "",
  );
  show(
    "signRequest auto / signJsonPost",
    ratio("dynafetch (auto, the default)", "dynafetch signJsonPost (auto, the client's path)"),
    "",
  );
  show(
    "dynafetch webcrypto / auto",
    ratio("dynafetch (webcrypto)", "dynafetch (auto, the default)"),
    "",
  );
}
