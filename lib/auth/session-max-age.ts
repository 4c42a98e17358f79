export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

// A session unused this long ends too (ASVS 7.3.1), whatever its absolute age. SESSION_IDLE_MINUTES
// overrides the default of 30 minutes.
export function sessionIdleMs(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.SESSION_IDLE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 30) * 60_000;
}

// The last-seen time is written at most this often: one small update a minute per active session.
export const LAST_SEEN_RESOLUTION_MS = 60_000;
