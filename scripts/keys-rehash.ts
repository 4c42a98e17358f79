// `npm run keys:rehash`: stores every key still held as a bare SHA-256 under the current pepper
// (KEY_PEPPER, or the one generated into data/key-pepper), on the database DATABASE_URL names.
// Run it with the same environment as the server. Safe to run while the server runs, and again.
// Bundled into dist/keys-rehash.mjs by scripts/build-server.mjs, so it runs where `npm run serve` does;
// started and ended by lib/setup/cli.ts like the other commands.
import { runCommand } from "@/lib/setup/cli";

await runCommand({
  name: "keys:rehash",
  async run(setup) {
    await setup.database({ migrate: true });
    const { rehashLegacyKeys } = await import("@/lib/api-keys/rehash");
    const report = await rehashLegacyKeys();
    console.log(`keys moved from bare SHA-256 to the current pepper: ${report.rehashed}`);
    for (const [algorithm, count] of Object.entries(report.underPrevious))
      console.log(
        `keys still under the previous pepper ${algorithm}: ${count} (they move on their next use; keep that pepper in KEY_PEPPER_PREVIOUS until 0)`,
      );
    if (report.underUnknown)
      console.log(
        `keys under a pepper neither KEY_PEPPER nor KEY_PEPPER_PREVIOUS holds: ${report.underUnknown} (they cannot authenticate)`,
      );
    return 0;
  },
});
