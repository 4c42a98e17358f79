// `npm run audit:verify -- --workspace <slug>` verifies a workspace's audit chain in the database;
// `npm run audit:verify -- --file <export.jsonl>` verifies an exported audit log (docs/audit-export.md).
// Both use the audit key(s) and the checkpoint key the server uses (AUDIT_KEY, AUDIT_KEY_PREVIOUS,
// AUDIT_SIGNING_KEY, or the files in the data folder) and the checkpoint file (AUDIT_CHECKPOINT_FILE).
// Exit code: 0 intact, 1 broken (the event is named), 2 usage error.
// Bundled into dist/audit-verify.mjs by scripts/build-server.mjs, so it runs where `npm run serve` does;
// started and ended by lib/setup/cli.ts like the other commands.
import { parseArgs } from "node:util";
import { loadAuditKeys } from "@/lib/audit/audit-keys";
import { loadCheckpointSigner } from "@/lib/audit/signing-key";
import { type ChainVerification, describeVerification } from "@/lib/audit/verify";
import { type CommandSetup, runCommand, UsageError } from "@/lib/setup/cli";

function options() {
  try {
    const { values } = parseArgs({ options: { workspace: { type: "string" }, file: { type: "string" } } });
    if (!values.workspace === !values.file) throw new UsageError("give either --workspace or --file");
    return values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function verifyFile(file: string): Promise<ChainVerification> {
  const { ExportFormatError, verifyExportFile } = await import("@/lib/audit/verify-export");
  try {
    return await verifyExportFile(file, loadAuditKeys(), loadCheckpointSigner());
  } catch (error) {
    if (error instanceof ExportFormatError || (error as NodeJS.ErrnoException).code === "ENOENT")
      throw new UsageError(`${file}: ${(error as Error).message}`);
    throw error;
  }
}

async function verifyWorkspace(slug: string, setup: CommandSetup): Promise<ChainVerification> {
  // Verifying changes nothing, so nothing is migrated; imported only here, so --file needs no database.
  const db = await setup.database();
  const { verifyAuditChain } = await import("@/lib/audit/verify-workspace");
  const workspace = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
  if (!workspace) throw new UsageError(`no workspace with the slug "${slug}"`);
  return verifyAuditChain(workspace.id);
}

async function main(setup: CommandSetup): Promise<number> {
  const values = options();
  const result = values.file ? await verifyFile(values.file) : await verifyWorkspace(values.workspace!, setup);
  console.log(describeVerification(result));
  if (!result.ok) console.log(result.detail);
  return result.ok ? 0 : 1;
}

await runCommand({
  name: "audit:verify",
  usage: "usage: npm run audit:verify -- --workspace <slug> | --file <export.jsonl>",
  // 1 is the answer "broken": a failure to answer at all must not read as one.
  failureExit: 2,
  run: main,
});
