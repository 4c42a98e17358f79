/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and wasm-loading packages stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Load each page's code when it is first asked for, not all of it before the first answer: the
    // server then starts in a fraction of the time, which is how fast it serves again after a crash.
    preloadEntriesOnStart: false,
  },
  // The security headers (a per-request CSP nonce among them) are set by server.ts for every page:
  // lib/http/security-headers.ts.
};
export default nextConfig;
