// The one way a command-line script (user:create, audit:verify, keys:rehash, setup:code) starts and ends. Each is
// its own process, bundled into dist/ by scripts/build-server.mjs so it runs with plain node where the
// server does; each reads DATABASE_URL and the secrets (KEY_PEPPER, AUDIT_KEY, ... or the files in the
// data folder) as the server does, through the same modules. What is shared here: the database opened
// only when asked for (audit:verify --file needs none) and migrated first when the command writes, its
// client closed at the end, and one answer for every failure: a message for the person, and an exit code.
// lib/db opens its client when first imported, so a command imports what reaches the database inside
// `run`: a DATABASE_URL it cannot use then gets that answer too, not a stack trace.
import type { Db } from "@/lib/db";

/** Wrong arguments: the message and the command's usage line, exit 2. */
export class UsageError extends Error {}

export type CommandSetup = {
  /**
   * The process's Prisma client on DATABASE_URL; with `migrate`, the schema is brought up to date first
   * (as the server does at start), so a command that writes works on a database no server has run on yet.
   */
  database(options?: { migrate?: boolean }): Promise<Db>;
};

export type Command = {
  /** The npm script's name, which starts every message the command prints about itself. */
  name: string;
  /** Printed after a UsageError, e.g. "usage: npm run audit:verify -- --workspace <slug>". */
  usage?: string;
  /** The exit code of any other failure: 1 unless 1 already means an answer (audit:verify: "broken"). */
  failureExit?: number;
  /** Resolves with the exit code (0 when nothing is returned). */
  run(setup: CommandSetup): Promise<number | undefined>;
};

const USAGE_EXIT = 2;

export async function runCommand({ name, usage, failureExit = 1, run }: Command): Promise<void> {
  let opened: Db | null = null;
  const setup: CommandSetup = {
    async database({ migrate = false } = {}) {
      if (!opened) {
        // Imported here, so a command that needs no database loads no driver and connects to nothing.
        const [{ resolveDatabase }, { deployMigrations }, { db }] = await Promise.all([
          import("@/lib/database-url.mjs"),
          import("@/lib/migrations.mjs"),
          import("@/lib/db"),
        ]);
        if (migrate) {
          const applied = await deployMigrations(resolveDatabase());
          if (applied.length) console.error(`${name}: migrations applied: ${applied.join(", ")}`);
        }
        opened = db;
      }
      return opened;
    },
  };
  let code: number;
  try {
    code = (await run(setup)) ?? 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name}: ${message}`);
    if (error instanceof UsageError && usage) console.error(usage);
    code = error instanceof UsageError ? USAGE_EXIT : failureExit;
  } finally {
    await (opened as Db | null)?.$disconnect();
  }
  process.exit(code);
}
