// The request form as the browser posts it (field names of components/requests/request-form.tsx),
// turned into the shape accessRequestSchema validates.
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { REASON_FIELD_PREFIX } from "./field-names";

export function accessRequestFields(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const reasons = Object.fromEntries(
    loadedCatalog().resources.flatMap((resource) => {
      const reason = text(`${REASON_FIELD_PREFIX}${resource.id}`);
      return reason ? [[resource.id, reason]] : [];
    }),
  );
  return {
    requesterName: text("requesterName"),
    company: text("company"),
    email: text("email"),
    purpose: text("purpose"),
    scopes: form.getAll("scope").filter((scope): scope is string => typeof scope === "string"),
    reasons,
    expiration: text("expiration"),
    expiresOn: text("expiration") === "custom" ? text("expiresOn") : undefined,
  };
}
