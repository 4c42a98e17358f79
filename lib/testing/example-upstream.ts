// The example upstream (examples/upstream/server.mjs) as a child process on a free port, for the
// gateway's end-to-end tests (e2e/gateway.spec.ts) and npm run bench. With `log`, it prints a JSON line
// for each request as it arrives, collected in `seen`: how a test tells that a request never got there.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import readline from "node:readline";

const SERVER = path.resolve(import.meta.dirname, "../../examples/upstream/server.mjs");

export type SeenRequest = { method: string; path: string; requestId: string | null };

export type ExampleUpstream = {
  origin: string;
  child: ChildProcess;
  seen: SeenRequest[];
  stop(): Promise<void>;
};

export async function startExampleUpstream(options: { secret: string; log?: boolean; port?: number }): Promise<ExampleUpstream> {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(options.port ?? 0),
      UPSTREAM_SECRET: options.secret,
      LOG_REQUESTS: options.log ? "1" : "",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const lines = readline.createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([once(lines, "line"), once(child, "exit").then(() => [""])])) as [string];
  const origin = first.match(/http:\/\/[\d.]+:\d+/)?.[0];
  if (!origin) throw new Error(`the example upstream did not start: ${first}`);
  const seen: SeenRequest[] = [];
  lines.on("line", (line) => seen.push(JSON.parse(line) as SeenRequest));
  return {
    origin,
    child,
    seen,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
