import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

// Ids are cuids; anything longer or with other characters cannot name a row, so it is refused early.
export const idSchema = z
  .string()
  .trim()
  .min(1, "Missing id.")
  .max(64, "That id is too long.")
  .regex(/^[A-Za-z0-9_-]+$/, "That id is malformed.");

export const changeMemberRoleSchema = z.object({
  membershipId: idSchema,
  role: z.enum(ROLES, { error: "Choose Owner, Admin or Support." }),
});

export const removeMemberSchema = z.object({ membershipId: idSchema });

export const switchWorkspaceSchema = z.object({ workspaceId: idSchema });
