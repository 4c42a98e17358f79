// `npm run audit:verify -- --workspace <slug>` verifies a workspace's audit chain in the database;
// `npm run audit:verify -- --file <export.jsonl>` verifies an exported audit log (docs/audit-export.md)
// with the audit key(s) and the checkpoint key the server uses (AUDIT_KEY, AUDIT_KEY_PREVIOUS,
// AUDIT_SIGNING_KEY, or the files in the data folder) and the checkpoint file (AUDIT_CHECKPOINT_FILE).
// `--file <export.jsonl> --public-key <file or base64>` is the auditor's: no secret, only the public half
// of the checkpoint key, which `--print-public-key` prints for the operator to hand over; where an audit
// key is present as well, the links are checked too.
// Exit code: 0 intact, 1 broken or not verifiable (the event is named), 2 usage error.
// Bundled into dist/audit-verify.mjs by scripts/build-server.mjs, so it runs where `npm run serve` does;
// started and ended by lib/setup/cli.ts like the other commands.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { auditKeyPresent, loadAuditKeys } from "@/lib/audit/audit-keys";
import { checkpointVerifier, loadCheckpointSigner, parsePublicKey, publicKeyPem } from "@/lib/audit/signing-key";
import { type ChainVerification, describeVerification } from "@/lib/audit/verify";
import type { ExportVerifier } from "@/lib/audit/verify-export";
import { type CommandSetup, runCommand, UsageError } from "@/lib/setup/cli";

function options() {
  try {
    const { values } = parseArgs({
      options: {
        workspace: { type: "string" },
        file: { type: "string" },
        "public-key": { type: "string" },
        "print-public-key": { type: "boolean" },
      },
    });
    const modes = [values.workspace, values.file, values["print-public-key"]].filter((value) => value !== undefined);
    if (modes.length !== 1) throw new UsageError("give one of --workspace, --file and --print-public-key");
    if (values["public-key"] !== undefined && !values.file) throw new UsageError("--public-key goes with --file");
    return values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The auditor's verifier: the public key from a file or as text; an audit key only if this host has one. */
function publicVerifier(given: string): ExportVerifier {
  const isFile = fs.existsSync(given) && fs.statSync(given).isFile();
  let publicKey: ReturnType<typeof parsePublicKey>;
  try {
    publicKey = parsePublicKey(isFile ? fs.readFileSync(given, "utf8") : given, isFile ? given : "--public-key");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { keys: auditKeyPresent() ? loadAuditKeys() : null, signer: checkpointVerifier(publicKey) };
}

async function verifyFile(file: string, publicKey: string | undefined): Promise<ChainVerification> {
  const { ExportFormatError, verifyExportFile } = await import("@/lib/audit/verify-export");
  const verifier = publicKey === undefined ? { keys: loadAuditKeys(), signer: loadCheckpointSigner() } : publicVerifier(publicKey);
  try {
    return await verifyExportFile(file, verifier);
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
  if (values["print-public-key"]) {
    const signer = loadCheckpointSigner();
    // Said on stderr, so the key alone can be redirected to a file: a key from the data folder is this
    // folder's, which is the server's only when run where the server runs.
    if (signer.generatedFile) console.error(`AUDIT_SIGNING_KEY is not set: the public half of ${signer.generatedFile}`);
    process.stdout.write(publicKeyPem(signer.publicKey));
    return 0;
  }
  const result = values.file ? await verifyFile(values.file, values["public-key"]) : await verifyWorkspace(values.workspace!, setup);
  console.log(describeVerification(result));
  if (!result.ok) console.log(result.detail);
  else if (result.unsealed)
    console.log(
      `events ${result.throughSeq + 1} to ${result.throughSeq + result.unsealed} follow the latest checkpoint: no signature covers them yet` +
        " (a JSON Lines export with no filters has the head signed first: export again to cover them)",
    );
  return result.ok ? 0 : 1;
}

await runCommand({
  name: "audit:verify",
  usage: "usage: npm run audit:verify -- --workspace <slug> | --file <export.jsonl> [--public-key <file or base64>] | --print-public-key",
  // 1 is the answer "broken": a failure to answer at all must not read as one.
  failureExit: 2,
  run: main,
});
