// Prefilled links: `/keys/new?name=…&scopes=profiles:read,lists:write&expires_in_days=90&description=…`
// opens the create form filled in for an Owner or Admin to review; nothing is created until they submit.
// A link is anyone's text, so everything in it is fitted to what the form accepts, and whatever does
// not fit is reported (ignored, lowered or noted), never dropped without a word. Pure: no I/O, no React.

import {
  type ExpirationChoice,
  isCalendarDate,
  KEY_DESCRIPTION_MAX,
  KEY_NAME_MAX,
  MAX_CUSTOM_EXPIRY_DAYS,
  utcDate,
} from "@/lib/validation/keys";
import { withoutInvisible } from "@/lib/validation/text";
import { type Catalog, findResource } from "./catalog";
import { parseScope, type Scope, supports, toAccessMap, toScopes } from "./scopes";

export const PREFILL_PATH = "/keys/new";
const PARAMS = ["name", "scopes", "expires_in_days", "description"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How many ignored entries the notice lists; the rest are counted, so a pasted list cannot flood the page. */
export const IGNORED_LISTED_MAX = 50;
/** How much of an ignored entry the notice shows. */
const SHOWN_MAX = 64;

export type PrefillValues = {
  name: string;
  description: string;
  scopes: Scope[];
  /** Absent when the link named none (or one outside the policy): the form's default applies. */
  expiration?: ExpirationChoice;
  /** YYYY-MM-DD, with expiration "custom". */
  expiresOn?: string;
};

export type Prefill = {
  /** Whether the URL asked for anything, i.e. whether to say "Requested through a link". */
  requested: boolean;
  initial: PrefillValues;
  /** Entries of `scopes` that are not scopes this API offers, as written (shortened when long). */
  ignored: string[];
  /** Scopes above what their resource offers, and the level the form gives instead. */
  lowered: { scope: string; to: Scope }[];
  /** Everything else that was changed or left out, in words. */
  notes: string[];
};

type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

function valuesOf(params: SearchParams, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** At most `max` UTF-16 units, never half of a surrogate pair (which the form would refuse as invisible). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const cutText = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cutText) ? cutText.slice(0, -1) : cutText;
}

function shown(text: string): string {
  return text.length > SHOWN_MAX ? `${cut(text, SHOWN_MAX)}…` : text;
}

/** The form's expiration for a key that should live `days` days from `now` (null: never). */
export function expirationForDays(days: number | null, now = new Date()): { expiration: ExpirationChoice; expiresOn?: string } {
  if (days === null) return { expiration: "never" };
  const choice = String(days);
  if (choice === "30" || choice === "60" || choice === "90") return { expiration: choice };
  return { expiration: "custom", expiresOn: utcDate(new Date(now.getTime() + days * DAY_MS)) };
}

function parseName(raw: string, notes: string[]): string {
  const visible = withoutInvisible(raw).trim();
  if (visible !== raw.trim()) notes.push("Invisible or control characters were removed from the name.");
  if (visible.length > KEY_NAME_MAX) notes.push(`The name was shortened to ${KEY_NAME_MAX} characters.`);
  return cut(visible, KEY_NAME_MAX).trim();
}

function parseDescription(raw: string, notes: string[]): string {
  const trimmed = raw.trim();
  if (trimmed.length > KEY_DESCRIPTION_MAX) notes.push(`The description was shortened to ${KEY_DESCRIPTION_MAX} characters.`);
  return cut(trimmed, KEY_DESCRIPTION_MAX).trim();
}

function parseExpiry(raw: string, now: Date, notes: string[]): Pick<PrefillValues, "expiration" | "expiresOn"> {
  const value = raw.trim();
  if (value === "never") return expirationForDays(null);
  const days = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (days >= 1 && days <= MAX_CUSTOM_EXPIRY_DAYS) return expirationForDays(days, now);
  notes.push(
    `The expiry “${shown(value)}” was ignored: expires_in_days takes a whole number of days from 1 to ${MAX_CUSTOM_EXPIRY_DAYS}, or never. The expiry below is the default.`,
  );
  return {};
}

/** Splits `scopes` into what the form grants, what it lowers to a level the resource offers, and what it ignores. */
function parseScopes(catalog: Catalog, entries: string[], notes: string[]): Pick<Prefill, "ignored" | "lowered"> & { scopes: Scope[] } {
  const accepted: string[] = [];
  const ignored = new Set<string>();
  const lowered = new Map<string, Scope>();
  for (const entry of entries) {
    const parsed = parseScope(entry);
    const resource = parsed && findResource(catalog, parsed.resource);
    if (!parsed || !resource) ignored.add(shown(entry));
    else if (supports(resource, parsed.level)) accepted.push(entry);
    // Only write can be lowered (to read); read on a write-only resource has nothing below it but none.
    else if (parsed.level === "write" && supports(resource, "read")) {
      const to: Scope = `${resource.id}:read`;
      lowered.set(entry, to);
      accepted.push(to);
    } else ignored.add(shown(entry));
  }
  const listed = [...ignored].slice(0, IGNORED_LISTED_MAX);
  if (ignored.size > listed.length) notes.push(`${ignored.size - listed.length} more entries of scopes were ignored as well.`);
  return {
    // Normalized as a key stores them: catalog order, one per resource, the highest asked for.
    scopes: toScopes(catalog, toAccessMap(catalog, accepted)),
    ignored: listed,
    lowered: [...lowered].map(([scope, to]) => ({ scope, to })),
  };
}

/** The create form's values from a prefilled link's query, and what of it the form could not take as is. */
export function parsePrefillLink(catalog: Catalog, params: SearchParams, now = new Date()): Prefill {
  const notes: string[] = [];
  const first = (key: (typeof PARAMS)[number]) => valuesOf(params, key)[0];
  const requested = PARAMS.some((key) => first(key) !== undefined);
  const name = parseName(first("name") ?? "", notes);
  const description = parseDescription(first("description") ?? "", notes);
  // Several `scopes` parameters count as one list; blanks between commas are nothing to report.
  const entries = valuesOf(params, "scopes")
    .flatMap((value) => value.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean);
  const { scopes, ignored, lowered } = parseScopes(catalog, entries, notes);
  const expiry = first("expires_in_days");
  const expiration = expiry === undefined ? {} : parseExpiry(expiry, now, notes);
  return { requested, initial: { name, description, scopes, ...expiration }, ignored, lowered, notes };
}

// `:` and `,` may stand as they are in a query (RFC 3986), which keeps `scopes=profiles:read,lists:write` readable.
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2C/gi, ",");
}

/** Days from `now`'s UTC day to a custom expiry date, when that is within what a link can say. */
function daysUntil(expiresOn: string, now: Date): number | null {
  if (!isCalendarDate(expiresOn)) return null;
  const days = Math.round((Date.parse(expiresOn) - Date.parse(utcDate(now))) / DAY_MS);
  return days >= 1 && days <= MAX_CUSTOM_EXPIRY_DAYS ? days : null;
}

/** The path of a prefilled link that reopens the create form with these values (empty ones left out). */
export function buildPrefillLink(values: PrefillValues, now = new Date()): string {
  const expiry =
    values.expiration === undefined ? null : values.expiration === "custom" ? daysUntil(values.expiresOn ?? "", now) : values.expiration;
  const query = [
    ["name", values.name.trim()],
    ["scopes", values.scopes.join(",")],
    ["expires_in_days", expiry === null ? "" : String(expiry)],
    ["description", values.description.trim()],
  ]
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}=${encode(value!)}`)
    .join("&");
  return query ? `${PREFILL_PATH}?${query}` : PREFILL_PATH;
}
