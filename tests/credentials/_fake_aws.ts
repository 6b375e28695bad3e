// Test helpers: one local HTTP server on 127.0.0.1 playing STS (query API, XML), the SSO portal, the
// ECS/EKS container endpoint and IMDSv2, plus temporary home directories and a test host.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import type { Host } from "../../lib/credentials/mod.ts";

/** A request the fake server received. */
export interface Received {
  method: string;
  path: string;
  headers: Headers;
  body: string;
  /** For STS: the access key id that signed, and whether the signature verified. */
  signedBy?: string;
  signatureValid?: boolean;
}

/** Secret material the fake services hand out and accept; tests check none of it leaks. */
export const SECRETS = {
  sourceSecret: "SOURCE-SECRET-0123456789abcdefghij",
  roleSecret: (n: number) => `ROLE-SECRET-${n}-abcdefghijklmnop`,
  roleToken: (n: number) => `ROLE-TOKEN-${n}-zyxwvutsrqponm==`,
  ssoToken: "SSO-ACCESS-TOKEN-qwertyuiop",
  refreshToken: "SSO-REFRESH-TOKEN-mnbvcxz",
  containerToken: "CONTAINER-AUTH-TOKEN-asdfghjkl",
  webToken: (n: number) => `WEB-IDENTITY-TOKEN-${n}`,
};

/** The fake AWS: its URL, what it received, knobs, and `close()`. */
export interface FakeAws {
  url: string;
  received: Received[];
  /** Access key id -> secret, for verifying STS signatures. */
  secrets: Map<string, string>;
  /** How many role credentials STS has issued. */
  issued: number;
  /** The fake services' clock, in epoch ms (expirations are computed from it). */
  now: number;
  /** Milliseconds the IMDS and container endpoints wait before answering. */
  delayMs: number;
  /** The IMDS role name ("" for an instance without a role). */
  imdsRole: string;
  /** IMDS credentials' `Code`. */
  imdsCode: string;
  /** A response body to send instead of the normal one, for malformed-response tests. */
  override?: { status: number; body: string; path: string };
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const xml = (action: string, n: number, expiration: string) =>
  `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>` +
  `<Credentials><AccessKeyId>ASIAROLE${n}</AccessKeyId><SecretAccessKey>${
    SECRETS.roleSecret(n)
  }</SecretAccessKey><SessionToken>${
    SECRETS.roleToken(n)
  }</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
  `<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>` +
  `</${action}Result><ResponseMetadata><RequestId>req-${n}</RequestId></ResponseMetadata></${action}Response>`;

const stsError = (status: number, code: string, message: string) =>
  new Response(
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>` +
      `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    { status, headers: { "content-type": "text/xml" } },
  );

/** Starts the fake AWS on a free port of 127.0.0.1. */
export function startFakeAws(start = Date.parse("2026-01-01T00:00:00Z")): FakeAws {
  const waiting = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
    });
  const fake: FakeAws = {
    url: "",
    received: [],
    secrets: new Map([["AKIDSOURCE", SECRETS.sourceSecret]]),
    issued: 0,
    now: start,
    delayMs: 0,
    imdsRole: "web-role",
    imdsCode: "Success",
    close: () => Promise.resolve(),
    [Symbol.asyncDispose]: () => fake.close(),
  };
  const issue = (durationSeconds = 3600) => {
    const n = ++fake.issued;
    fake.secrets.set(`ASIAROLE${n}`, SECRETS.roleSecret(n));
    return { n, expiration: new Date(fake.now + durationSeconds * 1000).toISOString() };
  };
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = await request.text();
    const received: Received = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body,
    };
    fake.received.push(received);
    if (fake.override && url.pathname.startsWith(fake.override.path)) {
      return new Response(fake.override.body, { status: fake.override.status });
    }
    if (request.method === "POST" && url.pathname === "/token") {
      const input = JSON.parse(body);
      if (input.grantType !== "refresh_token" || input.refreshToken !== SECRETS.refreshToken) {
        return Response.json({ error: "invalid_grant" }, { status: 400 });
      }
      return Response.json({
        accessToken: SECRETS.ssoToken,
        expiresIn: 3600,
        refreshToken: "refresh-token-2",
        tokenType: "Bearer",
      });
    }
    if (request.method === "POST" && url.pathname === "/") {
      const form = new URLSearchParams(body);
      const action = form.get("Action");
      const roleArn = form.get("RoleArn") ?? "";
      if (form.get("Version") !== "2011-06-15" || !form.get("RoleSessionName")) {
        return stsError(400, "MissingParameter", "Version and RoleSessionName are required");
      }
      if (action === "AssumeRoleWithWebIdentity") {
        if (request.headers.has("authorization")) {
          return stsError(400, "InvalidRequest", "AssumeRoleWithWebIdentity is unsigned");
        }
        if (!form.get("WebIdentityToken")?.startsWith("WEB-IDENTITY-TOKEN-")) {
          return stsError(400, "InvalidIdentityToken", "Couldn't retrieve verification key");
        }
      } else if (action === "AssumeRole") {
        const check = await verify(request, url, body, fake.secrets);
        received.signedBy = check.accessKeyId;
        received.signatureValid = check.valid;
        if (!check.valid) {
          return stsError(403, "SignatureDoesNotMatch", "The request signature does not match");
        }
        if (roleArn.includes("denied")) {
          return stsError(403, "AccessDenied", `User is not authorized to perform sts:AssumeRole`);
        }
      } else {
        return stsError(400, "InvalidAction", "Could not find operation");
      }
      const issued = issue(Number(form.get("DurationSeconds") ?? 3600));
      return new Response(xml(action, issued.n, issued.expiration), {
        headers: { "content-type": "text/xml" },
      });
    }
    if (request.method === "GET" && url.pathname === "/federation/credentials") {
      if (request.headers.get("x-amz-sso_bearer_token") !== SECRETS.ssoToken) {
        return Response.json({ message: "Session token not found or invalid" }, {
          status: 401,
          headers: { "x-amzn-errortype": "UnauthorizedException:" },
        });
      }
      const { n } = issue();
      return Response.json({
        roleCredentials: {
          accessKeyId: `ASIAROLE${n}`,
          secretAccessKey: SECRETS.roleSecret(n),
          sessionToken: SECRETS.roleToken(n),
          expiration: fake.now + 3600_000,
        },
        account: url.searchParams.get("account_id"),
        role: url.searchParams.get("role_name"),
      });
    }
    if (url.pathname.startsWith("/latest/")) {
      await sleep(fake.delayMs);
      if (request.method === "PUT" && url.pathname === "/latest/api/token") {
        if (!request.headers.get("x-aws-ec2-metadata-token-ttl-seconds")) {
          return new Response("", { status: 400 });
        }
        return new Response(`IMDS-TOKEN-${fake.received.length}`);
      }
      const token = request.headers.get("x-aws-ec2-metadata-token") ?? "";
      if (request.method !== "GET" || !token.startsWith("IMDS-TOKEN-")) {
        return new Response("", { status: 401 });
      }
      const base = "/latest/meta-data/iam/security-credentials/";
      if (url.pathname === base) {
        return fake.imdsRole ? new Response(fake.imdsRole) : new Response("", { status: 404 });
      }
      if (url.pathname === base + fake.imdsRole) {
        const { n, expiration } = issue(21600);
        return Response.json({
          Code: fake.imdsCode,
          LastUpdated: new Date(fake.now).toISOString(),
          Type: "AWS-HMAC",
          AccessKeyId: `ASIAROLE${n}`,
          SecretAccessKey: SECRETS.roleSecret(n),
          Token: SECRETS.roleToken(n),
          Expiration: expiration,
        });
      }
      return new Response("", { status: 404 });
    }
    if (request.method === "GET" && url.pathname.startsWith("/container/")) {
      await sleep(fake.delayMs);
      if (
        url.pathname !== "/container/relative" &&
        request.headers.get("authorization") !== SECRETS.containerToken
      ) {
        return Response.json({ code: "AccessDenied", message: "Invalid authorization token" }, {
          status: 401,
        });
      }
      const { n, expiration } = issue(21600);
      return Response.json({
        AccessKeyId: `ASIAROLE${n}`,
        SecretAccessKey: SECRETS.roleSecret(n),
        Token: SECRETS.roleToken(n),
        Expiration: expiration,
        RoleArn: "arn:aws:iam::123456789012:role/task",
      });
    }
    return new Response("not found", { status: 404 });
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  fake.url = `http://127.0.0.1:${server.addr.port}`;
  fake.close = async () => {
    for (const done of [...waiting]) done();
    await server.shutdown();
  };
  return fake;
}

/** Recomputes an STS request's SigV4 signature with the AWS SDK's signer and compares. */
async function verify(
  request: Request,
  url: URL,
  body: string,
  secrets: Map<string, string>,
): Promise<{ accessKeyId?: string; valid: boolean }> {
  const auth = request.headers.get("authorization") ?? "";
  const match = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+)/
    .exec(auth);
  if (!match) return { valid: false };
  const [, accessKeyId, , region, service, signed] = match;
  const secretAccessKey = secrets.get(accessKeyId);
  if (!secretAccessKey) return { accessKeyId, valid: false };
  const headers: Record<string, string> = {};
  for (const name of signed.split(";")) headers[name] = request.headers.get(name) ?? "";
  const amzDate = headers["x-amz-date"];
  const date = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${
      amzDate.slice(11, 13)
    }:${amzDate.slice(13, 15)}Z`,
  );
  const sessionToken = headers["x-amz-security-token"];
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signedRequest = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  }, { signingDate: date });
  return { accessKeyId, valid: signedRequest.headers.authorization === auth };
}

/** A temporary directory as a home: writes `files` (paths relative to it) and removes it on dispose. */
export async function tempHome(
  files: Record<string, string> = {},
): Promise<{ dir: string; write(path: string, text: string): Promise<void> } & AsyncDisposable> {
  const dir = await Deno.makeTempDir({ prefix: "dynafetch-credentials-" });
  const write = async (path: string, text: string) => {
    const full = `${dir}/${path}`;
    await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(full, text);
  };
  for (const [path, text] of Object.entries(files)) await write(path, text);
  return { dir, write, [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }) };
}

/** A host with the given environment and home whose clock is the fake's; the rest is the real runtime. */
export function testHost(
  env: Record<string, string | undefined>,
  home: string | undefined,
  fake?: FakeAws,
): Partial<Host> {
  return {
    env,
    homeDir: home,
    runtime: "deno",
    now: () => fake?.now ?? Date.parse("2026-01-01T00:00:00Z"),
  };
}

/** Asserts that no secret the fake services use appears in `text`. */
export function secretsIn(text: string): string[] {
  const all = [
    SECRETS.sourceSecret,
    SECRETS.ssoToken,
    SECRETS.refreshToken,
    SECRETS.containerToken,
    ...[1, 2, 3, 4, 5, 6].flatMap((
      n,
    ) => [SECRETS.roleSecret(n), SECRETS.roleToken(n), SECRETS.webToken(n)]),
  ];
  return all.filter((s) => text.includes(s));
}
