// Bundles server.ts and the lib/ code it reaches into dist/server.mjs, the usage worker thread into
// dist/usage-writer-worker.mjs, and the commands `npm run user:create`, `npm run audit:verify`,
// `npm run keys:rehash` and `npm run setup:code` into dist/<command>.mjs (each started by
// lib/setup/cli.ts); npm packages stay external.
// The guard fails the build when the lean graph reaches code that cannot run in plain Node
// (server-only throws there) or Next-only code: only server.ts itself may import "next".
import path from "node:path";
import { build } from "esbuild";

const ROUTER_STATE_PARSER = "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
const relative = (file) => path.relative(process.cwd(), file);
const leanGuard = {
  name: "lean-guard",
  setup(b) {
    b.onResolve({ filter: /^(server-only|client-only|next|next\/.*|next-auth(\/.*)?|react(-dom)?(\/.*)?)$/ }, (args) => {
      if (args.path === "next" && relative(args.importer) === "server.ts") return null;
      // Next's own parser of the router-state header: plain CommonJS (superstruct), no React, so the
      // server can refuse what Next would fail on with the very rule Next applies (lib/http/router-state.ts).
      if (args.path === ROUTER_STATE_PARSER && relative(args.importer) === path.join("lib", "http", "router-state.ts")) return null;
      return { errors: [{ text: `"${args.path}" imported by ${relative(args.importer)}: the API server bundle must run in plain Node` }] };
    });
    b.onResolve({ filter: /^(@\/)?(\.\.?\/)*(app|components|lib\/actions)\// }, (args) => ({
      errors: [{ text: `${args.path} imported by ${relative(args.importer)}: Next-only code is not allowed in the API server bundle` }],
    }));
  },
};

const shared = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [leanGuard],
};
await build({ ...shared, entryPoints: ["server.ts"], outfile: "dist/server.mjs" });
// The usage worker thread: lib/usage/worker-writer.ts finds it next to the server bundle.
await build({ ...shared, entryPoints: ["lib/usage/sqlite-writer-worker.ts"], outfile: "dist/usage-writer-worker.mjs" });
// `npm run user:create`: the same plain-Node rules, and it runs where the server does (no tsx needed).
await build({ ...shared, entryPoints: ["scripts/user-create.ts"], outfile: "dist/user-create.mjs" });
// `npm run audit:verify`: likewise, so an operator verifies the chain on the production host.
await build({ ...shared, entryPoints: ["scripts/audit-verify.ts"], outfile: "dist/audit-verify.mjs" });
// `npm run keys:rehash`: likewise; tsx is a dev dependency, which a production install does not have.
await build({ ...shared, entryPoints: ["scripts/keys-rehash.ts"], outfile: "dist/keys-rehash.mjs" });
// `npm run setup:code`: likewise, where the first account is still to be made.
await build({ ...shared, entryPoints: ["scripts/setup-code.ts"], outfile: "dist/setup-code.mjs" });
console.log(
  "server: dist/server.mjs, dist/usage-writer-worker.mjs, dist/user-create.mjs, dist/audit-verify.mjs, dist/keys-rehash.mjs and dist/setup-code.mjs built",
);
