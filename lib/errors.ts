// Errors whose message is written for the person who caused them. Server actions show these
// messages as they are; anything else becomes a generic message and is logged.
export class UserFacingError extends Error {
  override name = "UserFacingError";
}

/** Missing, and also another workspace's: the two must answer alike (docs/security.md, invariant 3). */
export class NotFoundError extends UserFacingError {
  override name = "NotFoundError";
}

export class ConflictError extends UserFacingError {
  override name = "ConflictError";
}

export class ForbiddenError extends UserFacingError {
  override name = "ForbiddenError";
}
