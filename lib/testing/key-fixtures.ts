import { createApiKey } from "@/lib/api-keys/lifecycle";
import type { CreateKeyInput } from "@/lib/validation/keys";
import { changeBy, createWorkspace, type TestMember } from "./factories";

let counter = 0;

export function keyInput(overrides: Partial<CreateKeyInput> = {}): CreateKeyInput {
  counter += 1;
  return { name: `Key ${counter}`, description: "", scopes: ["profiles:read", "lists:write"], expiration: "never", ...overrides };
}

/** A workspace with its members and one key created by its Owner. */
export async function workspaceWithKey(overrides: Partial<CreateKeyInput> = {}) {
  const ws = await createWorkspace();
  const owner: TestMember = ws.member("OWNER");
  const change = changeBy(ws.workspace.id, owner);
  const created = await createApiKey(change, keyInput(overrides));
  return { ...ws, owner, change, ...created };
}
