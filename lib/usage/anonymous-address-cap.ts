// Bounds the anonymous refusal counts (lib/usage/rows.ts) when the addresses themselves are many (an
// IPv6 flood can use a new address for every request): each hour, the first
// ANONYMOUS_ADDRESSES_PER_HOUR distinct addresses this instance records are counted under their own
// address, and every further one under "other". So an hour costs at most
// (ANONYMOUS_ADDRESSES_PER_HOUR + 1) x 2 decisions rows per instance, however large the flood.
export const ANONYMOUS_ADDRESSES_PER_HOUR = 1000;
export const OTHER_ADDRESSES = "other";
const HOUR_MS = 3600 * 1000;

export type AnonymousAddressCap = (ip: string | null, at: Date) => string | null;

export function createAnonymousAddressCap(max = ANONYMOUS_ADDRESSES_PER_HOUR): AnonymousAddressCap {
  let hour = Number.NaN;
  const seen = new Set<string | null>();
  return (ip, at) => {
    const eventHour = Math.floor(at.getTime() / HOUR_MS);
    if (eventHour !== hour) {
      hour = eventHour;
      seen.clear();
    }
    if (seen.has(ip)) return ip;
    if (seen.size >= max) return OTHER_ADDRESSES;
    seen.add(ip);
    return ip;
  };
}
