// `npm run setup:code`: a new first-run setup code, for when the one in the log is lost, burned by wrong
// codes or expired. It replaces the code every instance on DATABASE_URL accepts (lib/setup/setup-code.ts)
// and prints the new one; running servers accept it at once. Refused once the instance has an account.
// Bundled into dist/setup-code.mjs by scripts/build-server.mjs, so it runs where `npm run serve` does;
// started and ended by lib/setup/cli.ts like the other commands.
import { runCommand } from "@/lib/setup/cli";

await runCommand({
  name: "setup:code",
  async run(setup) {
    await setup.database({ migrate: true });
    const [{ announceFirstRunSetup }, { ConflictError }] = await Promise.all([import("@/lib/setup/first-run"), import("@/lib/errors")]);
    const pending = await announceFirstRunSetup((line) => console.log(`setup:code: ${line}`), { replace: true });
    if (!pending) throw new ConflictError("this instance has accounts already, so setup is done; no code was issued");
    return 0;
  },
});
