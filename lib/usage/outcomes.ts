// How the dashboard groups a request's decision. "Denied" is what the access check refused (the key
// or its scope); "Rate limited" is its own series (a key over its rate limit, an address over its
// failed authentications); "errors" passed the check but asked for something that is not there or is malformed.
// Client-safe: the charts and filters import it too.
export const OUTCOMES = ["allowed", "denied", "rate_limited", "errors"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_DECISIONS: Record<Outcome, readonly string[]> = {
  allowed: ["allowed"],
  denied: ["missing_scope", "revoked", "expired", "invalid", "ip_not_allowed"],
  rate_limited: ["rate_limited"],
  errors: ["not_found", "bad_request"],
};

/** Every refusal, for the views that list why requests were turned away. */
export const REFUSED_DECISIONS: readonly string[] = [...OUTCOME_DECISIONS.denied, ...OUTCOME_DECISIONS.rate_limited];

/** Decisions made after the key's scope was found sufficient: the request used that scope. */
export const SCOPE_USED_DECISIONS: readonly string[] = [...OUTCOME_DECISIONS.allowed, ...OUTCOME_DECISIONS.errors];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  allowed: "Allowed",
  denied: "Denied",
  rate_limited: "Rate limited",
  errors: "Errors",
};

export const DECISION_LABELS: Record<string, string> = {
  allowed: "Allowed",
  missing_scope: "Missing scope",
  revoked: "Revoked key",
  expired: "Expired key",
  invalid: "No valid key",
  ip_not_allowed: "IP not allowed",
  rate_limited: "Rate limited",
  not_found: "Not found",
  bad_request: "Bad request",
};

export function outcomeOf(decision: string): Outcome {
  return OUTCOMES.find((outcome) => OUTCOME_DECISIONS[outcome].includes(decision)) ?? "errors";
}

export type OutcomeCounts = Record<Outcome, number>;

export const noRequests = (): OutcomeCounts => ({ allowed: 0, denied: 0, rate_limited: 0, errors: 0 });

export const totalOf = (counts: OutcomeCounts) => OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
