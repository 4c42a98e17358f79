// `npm run user:create -- --email ana@example.com --workspace "Acme" [--name "Ana"] [--role OWNER]
//   [--password-stdin]`: creates an account from a shell (lib/setup/create-user.ts). The password comes
// from stdin with --password-stdin, else from KEYSMITH_PASSWORD, else from a prompt that does not echo.
// Bundled into dist/user-create.mjs by scripts/build-server.mjs, so it runs where `npm run serve` does;
// started and ended by lib/setup/cli.ts like the other commands.
import { parseArgs } from "node:util";
import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { type CommandSetup, runCommand } from "@/lib/setup/cli";

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, "");
}

async function prompt(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UserFacingError("No terminal to ask for the password: use --password-stdin or KEYSMITH_PASSWORD.");
  process.stderr.write(question);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let answer = "";
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(answer);
          return;
        }
        if (char === "\u0003") reject(new UserFacingError("Cancelled; nothing was changed."));
        else if (char === "\u007f") answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    process.stdin.on("data", onData);
  });
}

async function main(setup: CommandSetup) {
  const { createUserFromShell, createUserSchema } = await import("@/lib/setup/create-user");
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      workspace: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "OWNER" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const password = values["password-stdin"] ? await readStdin() : (process.env.KEYSMITH_PASSWORD ?? (await prompt("Password: ")));
  const parsed = createUserSchema.safeParse({
    email: values.email ?? "",
    name: values.name ?? values.email?.split("@")[0] ?? "",
    password,
    workspace: values.workspace ?? "",
    role: values.role?.toUpperCase(),
  });
  if (!parsed.success) {
    const problems = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
    throw new UserFacingError(
      Object.entries(problems)
        .map(([field, messages]) => `--${field}: ${messages?.[0]}`)
        .join("\n"),
    );
  }
  await setup.database({ migrate: true });
  for (const line of await createUserFromShell(parsed.data)) console.log(`user:create: ${line}`);
  return 0;
}

await runCommand({ name: "user:create", run: main });
