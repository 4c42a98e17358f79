// The verifiers users copy from examples/upstream (signature.mjs for Node, verify.py for Python) give
// the answer lib/gateway/signature.ts gives, on what it accepts and on everything it refuses.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyKeysmithSignature } from "@/examples/upstream/signature.mjs";
import { canonicalString, type SignedRequest, signUpstreamRequest, verifyUpstreamSignature } from "./signature";

const EXAMPLE = path.join(import.meta.dirname, "../../examples/upstream");
const SECRET = "example-verifier-secret-0123456789";
const PREVIOUS = "example-verifier-previous-secret";
const T = 1_800_000_000;
const REQUEST: SignedRequest = {
  method: "PATCH",
  path: "/v2/profiles/prof_1?fields=name,email",
  keyId: "key_7",
  workspaceId: "ws_7",
  scopes: "profiles:write",
  requestId: "mhz3k2a1b0123456789abcdef",
};
const HEADER = signUpstreamRequest({ ...REQUEST, secret: SECRET, timestamp: T });

type Case = { name: string; header: string; request: SignedRequest; secrets: string[]; now: number };
const at = (name: string, changes: Partial<Omit<Case, "name">>): Case => ({
  name,
  header: HEADER,
  request: REQUEST,
  secrets: [SECRET],
  now: T,
  ...changes,
});
const CASES: Case[] = [
  at("accepted", {}),
  at("accepted at the edge of the tolerance", { now: T + 300 }),
  at("accepted under the previous secret", { secrets: [PREVIOUS, SECRET] }),
  at("signed with both secrets", {
    header: signUpstreamRequest({ ...REQUEST, secret: [PREVIOUS, SECRET], timestamp: T }),
    secrets: [PREVIOUS],
  }),
  at("another scheme beside v1", { header: `${HEADER},v2=${"b".repeat(64)}` }),
  at("stale", { now: T + 301 }),
  at("from the future", { now: T - 301 }),
  at("another secret", { secrets: [PREVIOUS] }),
  at("altered timestamp", { header: HEADER.replace(`t=${T}`, `t=${T + 1}`) }),
  ...(["method", "path", "keyId", "workspaceId", "scopes", "requestId"] as const).map((field) =>
    at(`altered ${field}`, { request: { ...REQUEST, [field]: `${REQUEST[field]}x` } }),
  ),
  at("missing", { header: "" }),
  at("no timestamp", { header: HEADER.replace(`t=${T},`, "") }),
  at("two timestamps", { header: `t=${T},${HEADER}` }),
  at("short signature", { header: HEADER.slice(0, -1) }),
  at("upper-case signature", { header: HEADER.toUpperCase().replace("T=", "t=").replace("V1=", "v1=") }),
  at("empty part", { header: HEADER.replace(",", ",,") }),
  at("header too long", { header: `${HEADER},x=${"y".repeat(1024)}` }),
];

const library = ({ header, request, secrets, now }: Case) => verifyUpstreamSignature({ ...request, secret: secrets, header, now });

describe("the Node example's verifier", () => {
  it.each(CASES)("agrees with the library: $name", (one) => {
    const { method, path: url, keyId, workspaceId, scopes, requestId } = one.request;
    const headers: Record<string, string> = {
      "keysmith-signature": one.header,
      "keysmith-key-id": keyId,
      "keysmith-workspace-id": workspaceId,
      "keysmith-scopes": scopes,
      "request-id": requestId,
    };
    expect(verifyKeysmithSignature({ method, url, headers }, one.secrets, { now: one.now })).toEqual(library(one));
  });

  it("covers acceptance and every refusal", () => {
    const reasons = new Set(
      CASES.map((one) => {
        const result = library(one);
        return result.ok ? "ok" : result.reason;
      }),
    );
    expect([...reasons].sort()).toEqual(["expired", "malformed", "mismatch", "missing", "ok"]);
  });
});

const python = spawnSync("python3", ["--version"]).status === 0;

describe.skipIf(!python)("the Python example's verifier", () => {
  it("passes its self-test, whose vector the library signs to the same header", () => {
    const run = spawnSync("python3", ["verify.py", "--self-test"], { cwd: EXAMPLE, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/cases passed/);
    expect(run.status).toBe(0);
    const source = fs.readFileSync(path.join(EXAMPLE, "verify.py"), "utf8");
    const field = (name: string) => source.match(new RegExp(`"${name}": "([^"]*)"`))![1]!;
    const timestamp = Number(source.match(/"now": (\d+)/)![1]);
    const vector: SignedRequest = {
      method: field("method"),
      path: field("path"),
      keyId: field("key_id"),
      workspaceId: field("workspace_id"),
      scopes: field("scopes"),
      requestId: field("request_id"),
    };
    const header = signUpstreamRequest({ ...vector, secret: field("secret"), timestamp });
    expect(header).toBe(field("header"));
    // The worked example of docs/gateway.md is the same vector, its canonical text written out.
    const docs = fs.readFileSync(path.join(import.meta.dirname, "../../docs/gateway.md"), "utf8");
    expect(docs).toContain(`Keysmith-Signature: ${header}`);
    expect(docs).toContain(`\`\`\`\n${canonicalString(timestamp, vector)}\n\`\`\``);
  });

  it("agrees with the library on every case", () => {
    const script = [
      "import json, sys, verify",
      "out = []",
      "for c in json.load(sys.stdin):",
      "    r = c['request']",
      "    ok, reason = verify.verify_keysmith_signature(c['secrets'], c['header'], r['method'], r['path'], r['keyId'],",
      "        r['workspaceId'], r['scopes'], r['requestId'], now=c['now'])",
      "    out.append({'ok': True} if ok else {'ok': False, 'reason': reason})",
      "print(json.dumps(out))",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], {
      cwd: EXAMPLE,
      input: JSON.stringify(CASES),
      encoding: "utf8",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(CASES.map(library));
  });
});

describe("the short verifiers in docs/gateway.md", () => {
  const docs = fs.readFileSync(path.join(import.meta.dirname, "../../docs/gateway.md"), "utf8");
  const block = (markdown: string, language: string) => markdown.match(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``))![1]!;
  // What the short forms, by their own account, do not refuse: nothing a gateway ever sends.
  const ODDITIES = new Set(["empty part", "header too long"]);
  const cases = CASES.filter(({ name }) => !ODDITIES.has(name));
  const expected = cases.map((one) => library(one).ok);

  it("say yes or no as the library does, in Node", () => {
    const harness = `${block(docs, "js")}
      const cases = JSON.parse(await new Response(process.stdin).text());
      process.stdout.write(JSON.stringify(cases.map(({ header, request: r, secrets, now }) => verified({
        method: r.method, url: r.path,
        headers: { "keysmith-signature": header || undefined, "keysmith-key-id": r.keyId, "keysmith-workspace-id": r.workspaceId,
          "keysmith-scopes": r.scopes, "request-id": r.requestId },
      }, secrets, now))));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", harness], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it.skipIf(!python)("say yes or no as the library does, in Python, the same in the example's README", () => {
    const readme = fs.readFileSync(path.join(EXAMPLE, "README.md"), "utf8");
    expect(block(readme, "python")).toBe(block(docs, "python"));
    const harness = `${block(docs, "python")}
import json, sys
out = []
for c in json.load(sys.stdin):
    r = c["request"]
    time.time = lambda: c["now"]
    out.append(verified(c["secrets"], c["header"], r["method"], r["path"], r["keyId"], r["workspaceId"], r["scopes"], r["requestId"]))
print(json.dumps(out))`;
    const run = spawnSync("python3", ["-c", harness], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });
});
