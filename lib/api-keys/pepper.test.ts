// The pepper: what a stolen database alone can and cannot tell, and how old hashes keep working.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hashKey } from "./key-format";
import { LEGACY_ALGORITHM } from "./key-hash";
import { loadPeppers, reloadKeyPeppers } from "./pepper";
import { rehashLegacyKeys } from "./rehash";
import { verifyAuthorization } from "./verify";

const PEPPER_A = "pepper-a-0123456789abcdefghijklmnopqrstuvwxyz";
const PEPPER_B = "pepper-b-0123456789abcdefghijklmnopqrstuvwxyz";
const bearer = (secret: string) => `Bearer ${secret}`;

function usePeppers(current: string, previous = "") {
  process.env.KEY_PEPPER = current;
  process.env.KEY_PEPPER_PREVIOUS = previous;
  reloadKeyPeppers();
}

async function stored(keyId: string) {
  return db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { hash: true, hashAlgorithm: true } });
}

/** A key as an older version stored it: the bare SHA-256 of the secret. */
async function legacyKey() {
  const created = await workspaceWithKey();
  await db.apiKey.update({ where: { id: created.key.id }, data: { hash: hashKey(created.secret), hashAlgorithm: LEGACY_ALGORITHM } });
  return created;
}

beforeEach(() => usePeppers(PEPPER_A));
afterEach(() => {
  delete process.env.KEY_PEPPER;
  delete process.env.KEY_PEPPER_PREVIOUS;
  reloadKeyPeppers();
});

describe("a peppered key", () => {
  it("is stored as neither the key nor its SHA-256, so the database alone cannot confirm a guess", async () => {
    const { key, secret } = await workspaceWithKey();
    const row = await stored(key.id);
    expect(row.hash).not.toBe(hashKey(secret));
    expect(row.hash).not.toContain(secret);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.hashAlgorithm).toBe(`hmac-sha256:${loadPeppers().current.id}`);
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: true, key: { id: key.id } });
  });

  it("does not verify under another pepper", async () => {
    const { secret } = await workspaceWithKey();
    usePeppers(PEPPER_B);
    expect(await verifyAuthorization(bearer(secret))).toEqual({ ok: false, reason: "unknown" });
  });

  it("keeps working after the pepper is rotated, through KEY_PEPPER_PREVIOUS, and moves to the new one on use", async () => {
    const { key, secret } = await workspaceWithKey();
    usePeppers(PEPPER_B, `  ${PEPPER_A} ,`);
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: true, key: { id: key.id } });
    const newAlgorithm = `hmac-sha256:${loadPeppers().current.id}`;
    await vi.waitFor(async () => expect((await stored(key.id)).hashAlgorithm).toBe(newAlgorithm));
    // Moved: it now verifies with the new pepper alone.
    usePeppers(PEPPER_B);
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: true, key: { id: key.id } });
  });
});

describe("a key stored before the pepper (bare SHA-256)", () => {
  it("still verifies, and is moved to the current pepper on that use", async () => {
    const { key, secret } = await legacyKey();
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: true, key: { id: key.id } });
    await vi.waitFor(async () => expect((await stored(key.id)).hashAlgorithm).toMatch(/^hmac-sha256:/));
    expect((await stored(key.id)).hash).not.toBe(hashKey(secret));
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: true, key: { id: key.id } });
  });

  it("is moved by the rehash command from the database alone, and works after", async () => {
    const { key, secret } = await legacyKey();
    const other = await legacyKey();
    const report = await rehashLegacyKeys();
    expect(report.rehashed).toBeGreaterThanOrEqual(2);
    for (const id of [key.id, other.key.id]) expect((await stored(id)).hashAlgorithm).toBe(`hmac-sha256:${loadPeppers().current.id}`);
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: true, key: { id: key.id } });
    expect((await rehashLegacyKeys()).rehashed).toBe(0);
  });

  it("a revoked one stays refused after the move", async () => {
    const { key, secret } = await legacyKey();
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: false, reason: "revoked" });
  });
});

describe("loadPeppers", () => {
  it("refuses a short KEY_PEPPER or previous entry, naming it", () => {
    expect(() => loadPeppers({ KEY_PEPPER: "short" })).toThrow("KEY_PEPPER must be at least 32 characters");
    expect(() => loadPeppers({ KEY_PEPPER: PEPPER_A, KEY_PEPPER_PREVIOUS: "short" })).toThrow("Each KEY_PEPPER_PREVIOUS entry");
  });

  it("without KEY_PEPPER, generates one into the data folder once (owner-only) and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pepper-"));
    const first = loadPeppers({}, dir);
    const second = loadPeppers({}, dir);
    expect(first.generatedFile).toBe(path.join(dir, "key-pepper"));
    expect(second.current.id).toBe(first.current.id);
    expect(fs.statSync(first.generatedFile!).mode & 0o777).toBe(0o600);
    expect(loadPeppers({ KEY_PEPPER: PEPPER_A }, dir).generatedFile).toBeNull();
  });

  it("names each pepper by an id derived from it, and drops a previous entry equal to the current one", () => {
    const a = loadPeppers({ KEY_PEPPER: PEPPER_A, KEY_PEPPER_PREVIOUS: `${PEPPER_A},${PEPPER_B}` });
    expect(a.current.id).toMatch(/^[0-9a-f]{8}$/);
    expect(a.previous.map((p) => p.id)).toEqual([loadPeppers({ KEY_PEPPER: PEPPER_B }).current.id]);
  });
});
