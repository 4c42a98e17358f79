// A Redis server of the test's own on a private port (no persistence), so a test can stop it mid-run and
// start it again without touching the machine's shared Redis. Started and waited for; killed by stop().
import { type ChildProcess, spawn } from "node:child_process";

export type TestRedis = { url: string; start(): Promise<void>; stop(): Promise<void> };

export function testRedis(port: number): TestRedis {
  let child: ChildProcess | null = null;
  return {
    url: `redis://127.0.0.1:${port}`,
    start: () =>
      new Promise<void>((resolve, reject) => {
        const started = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        child = started;
        let output = "";
        started.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Ready to accept connections")) resolve();
        });
        started.once("exit", (code) => reject(new Error(`redis-server on port ${port} exited with ${code}: ${output.slice(-500)}`)));
        started.once("error", reject);
      }),
    stop: async () => {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGKILL");
      });
    },
  };
}
