"use client";
// The key form's "Rate limit": No limit, or a number of requests per second or per minute. Requests over
// it are answered 429 rate_limited (lib/rate-limit).
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { MAX_RATE_LIMIT_REQUESTS, type RateLimit, type RateLimitPeriod } from "@/lib/rate-limit/rate-limit";

export type RateLimitDraft = { period: RateLimitPeriod | "none"; requests: string };

export const draftOf = (limit: RateLimit | null | undefined): RateLimitDraft =>
  limit ? { period: limit.period, requests: String(limit.requests) } : { period: "none", requests: "60" };

/** What the form submits: null for no limit; a typed number the schema then checks (a whole number, 1 or more). */
export const limitOf = (draft: RateLimitDraft): RateLimit | null =>
  draft.period === "none" ? null : { period: draft.period, requests: draft.requests.trim() === "" ? Number.NaN : Number(draft.requests) };

export function RateLimitField({
  value,
  onChange,
  errors,
}: {
  value: RateLimitDraft;
  onChange: (next: RateLimitDraft) => void;
  errors?: string[];
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Rate limit" hint="Requests over the limit are answered 429 with Retry-After.">
        <Select value={value.period} onChange={(event) => onChange({ ...value, period: event.target.value as RateLimitDraft["period"] })}>
          <option value="none">No limit</option>
          <option value="second">Per second</option>
          <option value="minute">Per minute</option>
        </Select>
      </Field>
      {value.period === "none" ? null : (
        <Field label={`Requests per ${value.period}`} errors={errors}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_RATE_LIMIT_REQUESTS}
            step={1}
            value={value.requests}
            onChange={(event) => onChange({ ...value, requests: event.target.value })}
            required
          />
        </Field>
      )}
    </div>
  );
}
