export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
