// The README's deployment on loopback: two built instances (dist/server.mjs) on one fresh PostgreSQL
// database and the local Redis, behind nginx with examples/deploy/nginx.conf exactly as committed
// (its ports: instances on 3001 and 3002, nginx on 8080). e2e/deployment.spec.ts drives it as a user
// and an attacker would; `npm run bench -- --postgres` measures it. Needs nginx (Debian's package).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { type BuiltServer, startBuiltServer } from "./built-server";

const root = path.resolve(import.meta.dirname, "../..");
export const NGINX_CONFIG = path.join(root, "examples/deploy/nginx.conf");
export const INSTANCE_PORTS = [3001, 3002] as const;
export const BALANCER_URL = "http://127.0.0.1:8080";
const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

export type Deployment = {
  /** nginx's address: what users and callers use. */
  base: string;
  databaseUrl: string;
  /** The instances, reachable directly too (to show which one sees what). */
  instances: BuiltServer[];
  /** The environment every instance shares (the secrets among it), for a process acting as a third. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

export function nginxAvailable(): boolean {
  return spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function startNginx(prefix: string): Promise<ChildProcess> {
  fs.mkdirSync(prefix, { recursive: true });
  const check = spawnSync("nginx", ["-t", "-q", "-p", prefix, "-c", NGINX_CONFIG], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx refused ${NGINX_CONFIG}: ${check.stderr}`);
  const child = spawn("nginx", ["-p", prefix, "-c", NGINX_CONFIG, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "inherit"] });
  process.once("exit", () => child.kill("SIGKILL"));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      await (await fetch(`${BALANCER_URL}/api/v1/health`)).arrayBuffer();
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  child.kill("SIGKILL");
  throw new Error("nginx did not answer on 127.0.0.1:8080 within 10 s");
}

/**
 * Starts the deployment: a fresh database (dropped by stop), the two instances one after the other
 * (the first applies the migrations), then nginx. `env` is added to every instance's.
 */
export async function startDeployment(options: { env?: Record<string, string>; dir: string }): Promise<Deployment> {
  const name = `keysmith_deploy_${process.pid}_${randomBytes(3).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  fs.rmSync(options.dir, { recursive: true, force: true });
  const env: Record<string, string> = {
    DATABASE_URL: url,
    REDIS_URL,
    AUTH_URL: BALANCER_URL,
    TRUST_PROXY: "1",
    AUTH_SECRET: `deployment-${randomBytes(24).toString("hex")}`,
    KEY_PEPPER: `deployment-${randomBytes(24).toString("hex")}`,
    AUDIT_KEY: `deployment-${randomBytes(24).toString("hex")}`,
    AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    ...options.env,
  };
  const instances: BuiltServer[] = [];
  let nginx: ChildProcess | null = null;
  const stop = async () => {
    nginx?.kill("SIGTERM");
    await Promise.all(instances.map((instance) => instance.stop()));
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    for (const [i, port] of INSTANCE_PORTS.entries()) {
      const own = path.join(options.dir, `instance-${i + 1}`);
      fs.mkdirSync(own, { recursive: true });
      instances.push(
        await startBuiltServer({
          port,
          databaseFile: "unused",
          // Each instance's own checkpoint file, as on two machines.
          env: { ...env, AUDIT_CHECKPOINT_FILE: path.join(own, "audit-checkpoints.jsonl") },
        }),
      );
    }
    nginx = await startNginx(path.join(options.dir, "nginx"));
  } catch (error) {
    await stop();
    throw error;
  }
  return { base: BALANCER_URL, databaseUrl: url, instances, env, stop };
}
