// Where an invitation's token is opened: one path for the link the dialog shows and the one mailed.
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}
