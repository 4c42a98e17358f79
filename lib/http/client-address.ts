// The one place that decides a request's client address, for every path: sign-in throttling, audit
// events, API usage and a key's lastUsedIp. Plain Node (no next/*): the lean API path uses it directly,
// and server.ts hands the result to Next in a header it owns.
//
// Without a trusted proxy the socket decides. Behind N trusted proxies (TRUST_PROXY=true is one hop,
// TRUST_PROXY=N is N), each proxy appends the address it received the request from to X-Forwarded-For,
// so the client address is the Nth entry from the right; everything left of it was written by the
// client and proves nothing.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Set by server.ts on every request to Next, overwriting whatever the client sent under that name. */
export const CLIENT_ADDRESS_HEADER = "x-keysmith-client-ip";

/** How many reverse proxies in front are trusted to append to X-Forwarded-For: 0 for none. */
export function parseTrustProxy(value: string | undefined): number {
  const setting = (value ?? "").trim().toLowerCase();
  if (setting === "" || setting === "false" || setting === "0") return 0;
  if (setting === "true") return 1;
  if (/^[1-9][0-9]?$/.test(setting)) return Number(setting);
  throw new Error(`TRUST_PROXY must be unset, false, true or a number of proxy hops from 1 to 99; got "${value}".`);
}

/** The address as an IP (IPv4-mapped IPv6 as IPv4, without brackets or port), or null when it is none. */
export function normalizeAddress(raw: string | undefined | null): string | null {
  let value = (raw ?? "").trim();
  if (!value || value.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[0-9.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:([0-9.]+)$/i.exec(value);
  if (mapped && isIP(mapped[1]!) === 4) value = mapped[1]!;
  const version = isIP(value);
  if (version === 4) return value;
  if (version === 6) return value.toLowerCase();
  return null;
}

export type AddressSource = { socketAddress: string | undefined; forwardedFor: string | string[] | undefined };

/** The client address per the rules above; the socket's whenever the forwarded chain cannot be trusted. */
export function clientAddress(source: AddressSource, trustedHops: number): string | null {
  const socket = normalizeAddress(source.socketAddress);
  if (trustedHops === 0) return socket;
  const header = Array.isArray(source.forwardedFor) ? source.forwardedFor.join(",") : (source.forwardedFor ?? "");
  const chain = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the request did not come through every proxy, so no entry is
  // known to be a proxy's; the socket (the nearest peer) is the only address not chosen by the client.
  if (chain.length < trustedHops) return socket;
  return normalizeAddress(chain[chain.length - trustedHops]) ?? socket;
}

/** Whether the client reached us over HTTPS: the socket, or the right-most X-Forwarded-Proto of a trusted proxy. */
export function servedOverHttps(req: IncomingMessage, trustedHops: number): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (trustedHops === 0) return false;
  const proto = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")
    .at(-1)
    ?.trim()
    .toLowerCase();
  return proto === "https";
}

/** The client address of a node:http request, with TRUST_PROXY as configured now. */
export function requestClientAddress(req: IncomingMessage): string | null {
  return clientAddress(
    { socketAddress: req.socket.remoteAddress, forwardedFor: req.headers["x-forwarded-for"] },
    parseTrustProxy(process.env.TRUST_PROXY),
  );
}
