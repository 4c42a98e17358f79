// The request form's field names that the page, the browser's form and the route handler share.

/** Each resource's reason is posted as `reason:<resource id>`. */
export const REASON_FIELD_PREFIX = "reason:";

/** The hidden field that must stay empty: people never see it, form-filling bots fill it. */
export const HONEYPOT_FIELD_NAME = "website";
