// When a key's use is enough to judge what it does not need. Client-safe: the screens state the rule.
/** No suggestion before a chain was watched this many days and served this many requests. */
export const READINESS = { days: 7, requests: 100 } as const;
