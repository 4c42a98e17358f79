import "server-only";
import { returnValidationErrors } from "next-safe-action";
import { NameTakenError } from "@/lib/api-keys/names";
import type { createKeySchema, updateKeySchema } from "@/lib/validation/keys";

/** A taken key name belongs under the Name field, like any other invalid name; other errors pass on. */
export function nameTakenAsFieldError(schema: typeof createKeySchema | typeof updateKeySchema) {
  return (error: unknown): never => {
    if (error instanceof NameTakenError) returnValidationErrors(schema, { name: { _errors: [error.message] } });
    throw error;
  };
}
