// Shown after "Send reset link", whatever the email: the same words whether an account uses it or not.
export const RESET_SENT_MESSAGE =
  "If an account uses that email, a link to reset its password is on its way. It works once, for 15 minutes.";
