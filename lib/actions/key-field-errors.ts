import "server-only";
import { returnValidationErrors } from "next-safe-action";
import { InvalidAllowListError } from "@/lib/api-keys/ip-allow-list";
import { NameTakenError } from "@/lib/api-keys/names";
import type { approveAccessRequestSchema } from "@/lib/validation/access-requests";
import type { createKeySchema, updateKeySchema } from "@/lib/validation/keys";

/**
 * What the domain refuses about one field of the key form belongs under that field, like any other
 * invalid input: a taken name under Name, a malformed list under IP allow-list. Other errors pass on.
 */
export function keyFieldErrors(
  schema: ReturnType<typeof createKeySchema> | ReturnType<typeof updateKeySchema> | ReturnType<typeof approveAccessRequestSchema>,
) {
  return (error: unknown): never => {
    if (error instanceof NameTakenError) returnValidationErrors(schema, { name: { _errors: [error.message] } });
    if (error instanceof InvalidAllowListError) returnValidationErrors(schema, { ipAllowList: { _errors: [error.message] } });
    throw error;
  };
}
