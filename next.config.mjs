/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and wasm-loading packages stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  // The security headers (a per-request CSP nonce among them) are set by server.ts for every page:
  // lib/http/security-headers.ts.
};
export default nextConfig;
