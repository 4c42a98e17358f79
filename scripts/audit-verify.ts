// `npm run audit:verify -- --workspace <slug>` verifies a workspace's audit chain in the database;
// `npm run audit:verify -- --file <export.jsonl>` verifies an exported audit log (docs/audit-export.md).
// Both use the audit key(s) and the checkpoint key the server uses (AUDIT_KEY, AUDIT_KEY_PREVIOUS,
// AUDIT_SIGNING_KEY, or the files in the data folder) and the checkpoint file (AUDIT_CHECKPOINT_FILE).
// Exit code: 0 intact, 1 broken (the event is named), 2 usage error.
// Bundled into dist/audit-verify.mjs by scripts/build-server.mjs, so it runs where `npm run serve` does.
import { parseArgs } from "node:util";
import { loadAuditKeys } from "@/lib/audit/audit-keys";
import { loadCheckpointSigner } from "@/lib/audit/signing-key";
import { type ChainVerification, describeVerification } from "@/lib/audit/verify";

const USAGE = "usage: npm run audit:verify -- --workspace <slug> | --file <export.jsonl>";

class UsageError extends Error {}

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

async function verifyWorkspace(slug: string): Promise<ChainVerification> {
  // Imported only here, so --file needs no database.
  const { db } = await import("@/lib/db");
  const { verifyAuditChain } = await import("@/lib/audit/verify-workspace");
  try {
    const workspace = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
    if (!workspace) throw new UsageError(`no workspace with the slug "${slug}"`);
    return await verifyAuditChain(workspace.id);
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<number> {
  const values = options();
  const result = values.file ? await verifyFile(values.file) : await verifyWorkspace(values.workspace!);
  console.log(describeVerification(result));
  if (!result.ok) console.log(result.detail);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(2);
  },
);
