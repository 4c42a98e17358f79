// Forms that create or change an account: first-run setup, the account page, new workspaces.
import { z } from "zod";
import { newPasswordSchema } from "./password";
import { emailSchema } from "./sign-in";
import { singleLineText } from "./text";

export const personNameSchema = singleLineText("Name", 100);
export const workspaceNameSchema = singleLineText("Workspace name", 80);

export const setupSchema = z.object({
  setupCode: z.string({ error: "Enter the setup code." }).trim().min(1, "Enter the setup code.").max(64, "That setup code is not right."),
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  workspaceName: workspaceNameSchema,
});
export type SetupInput = z.output<typeof setupSchema>;

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema });
export const changeNameSchema = z.object({ name: personNameSchema });
export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password.")
    .max(512, "That is not your current password."),
  newPassword: newPasswordSchema,
});
