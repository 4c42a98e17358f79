import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { createKeySchema, KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "@/lib/validation/keys";
import { buildPrefillLink, expirationForDays, IGNORED_LISTED_MAX, type PrefillValues, parsePrefillLink } from "./prefill";

const catalog = defaultCatalog();

const NOW = new Date("2026-12-04T10:00:00Z");

function parse(query: string) {
  return parsePrefillLink(catalog, new URLSearchParams(query), NOW);
}

/** The query of a built link, parsed back as the page would. */
function roundTrip(values: PrefillValues) {
  const link = buildPrefillLink(values, NOW);
  return parsePrefillLink(catalog, new URL(link, "http://localhost").searchParams, NOW);
}

describe("parsePrefillLink", () => {
  it("fills the form from the issue's example link", () => {
    const prefill = parse("name=Shopify%20sync&scopes=profiles:read,lists:write&expires_in_days=90&description=Orders%20and%20shoppers");
    expect(prefill).toEqual({
      requested: true,
      initial: { name: "Shopify sync", description: "Orders and shoppers", scopes: ["lists:write", "profiles:read"], expiration: "90" },
      ignored: [],
      lowered: [],
      notes: [],
    });
  });

  it("asks for nothing without its parameters, and leaves the expiry to the form", () => {
    expect(parse("")).toEqual({
      requested: false,
      initial: { name: "", description: "", scopes: [] },
      ignored: [],
      lowered: [],
      notes: [],
    });
    expect(parse("other=1").requested).toBe(false);
    expect(parse("name=").requested).toBe(true);
  });

  it("lists unknown and malformed scopes by their text, never dropping them silently", () => {
    const prefill = parse("scopes=foo:bar,lists:write,profiles,Lists:Read,profiles:admin,:read,data-privacy:read");
    expect(prefill.initial.scopes).toEqual(["lists:write"]);
    expect(prefill.ignored).toEqual(["foo:bar", "profiles", "Lists:Read", "profiles:admin", ":read", "data-privacy:read"]);
  });

  it("lowers a scope above what the resource offers to the level it has", () => {
    const prefill = parse("scopes=accounts:write,profiles:write");
    expect(prefill.initial.scopes).toEqual(["accounts:read", "profiles:write"]);
    expect(prefill.lowered).toEqual([{ scope: "accounts:write", to: "accounts:read" }]);
    expect(prefill.ignored).toEqual([]);
  });

  it("merges duplicates to one scope per resource, the highest asked for, and skips blanks and spaces", () => {
    const prefill = parse("scopes=lists:read, lists:write,,lists:read&scopes=profiles:read&scopes=foo:bar,foo:bar");
    expect(prefill.initial.scopes).toEqual(["lists:write", "profiles:read"]);
    expect(prefill.ignored).toEqual(["foo:bar"]);
  });

  it("reads Next's searchParams record, taking the first of repeated single values", () => {
    const prefill = parsePrefillLink(
      catalog,
      { name: ["First", "Second"], scopes: ["lists:read", "events:read"], expires_in_days: "never" },
      NOW,
    );
    expect(prefill.initial).toEqual({ name: "First", description: "", scopes: ["lists:read", "events:read"], expiration: "never" });
  });

  it("turns a number of days into the matching choice, or a custom date that many days ahead", () => {
    expect(parse("expires_in_days=30").initial.expiration).toBe("30");
    expect(parse("expires_in_days=never").initial).toMatchObject({ expiration: "never" });
    expect(parse("expires_in_days=45").initial).toMatchObject({ expiration: "custom", expiresOn: "2027-01-18" });
    expect(parse("expires_in_days=365").initial).toMatchObject({ expiration: "custom", expiresOn: "2027-12-04" });
    expect(expirationForDays(1, NOW)).toEqual({ expiration: "custom", expiresOn: "2026-12-05" });
  });

  it.each(["0", "-5", "366", "1000", "1.5", "abc", "90days", "", "Never"])("reports expires_in_days=%s and keeps the default", (value) => {
    const prefill = parse(`expires_in_days=${value}`);
    expect(prefill.initial.expiration).toBeUndefined();
    expect(prefill.notes).toHaveLength(1);
    expect(prefill.notes[0]).toContain(`“${value}” was ignored`);
  });

  it("shortens oversized values to the field limits and says so", () => {
    const prefill = parse(
      `name=${"n".repeat(5000)}&description=${"d".repeat(5000)}&scopes=${"x".repeat(300)}&expires_in_days=${"9".repeat(300)}`,
    );
    expect(prefill.initial.name).toHaveLength(KEY_NAME_MAX);
    expect(prefill.initial.description).toHaveLength(KEY_DESCRIPTION_MAX);
    expect(prefill.ignored).toEqual([`${"x".repeat(64)}…`]);
    expect(prefill.notes).toEqual([
      `The name was shortened to ${KEY_NAME_MAX} characters.`,
      `The description was shortened to ${KEY_DESCRIPTION_MAX} characters.`,
      expect.stringContaining(`“${"9".repeat(64)}…” was ignored`),
    ]);
  });

  it("never cuts a character in half when shortening", () => {
    const name = parse(`name=${encodeURIComponent(`${"a".repeat(KEY_NAME_MAX - 1)}😀`)}`).initial.name;
    expect(name).toBe("a".repeat(KEY_NAME_MAX - 1));
  });

  it("lists at most a page of ignored entries and counts the rest", () => {
    const entries = Array.from({ length: IGNORED_LISTED_MAX + 7 }, (_, i) => `nope${i}:read`);
    const prefill = parse(`scopes=${entries.join(",")}`);
    expect(prefill.ignored).toHaveLength(IGNORED_LISTED_MAX);
    expect(prefill.notes).toEqual(["7 more entries of scopes were ignored as well."]);
  });

  it("keeps HTML in the name as text and removes invisible characters, so the form can submit it", () => {
    const prefill = parse(`name=${encodeURIComponent("<script>alert(1)</script>\u200B\u202E")}&scopes=lists:read`);
    expect(prefill.initial.name).toBe("<script>alert(1)</script>");
    expect(prefill.notes).toEqual(["Invisible or control characters were removed from the name."]);
    expect(createKeySchema(catalog).safeParse({ ...prefill.initial, expiration: "never" }).success).toBe(true);
  });
});

describe("buildPrefillLink", () => {
  it("writes the issue's link, readable, leaving out empty values", () => {
    expect(
      buildPrefillLink({ name: "Shopify sync", description: "", scopes: ["profiles:read", "lists:write"], expiration: "90" }, NOW),
    ).toBe("/keys/new?name=Shopify%20sync&scopes=profiles:read,lists:write&expires_in_days=90");
    expect(buildPrefillLink({ name: "", description: "", scopes: [] }, NOW)).toBe("/keys/new");
  });

  it.each<PrefillValues>([
    { name: "Shopify sync", description: "Orders\nand shoppers", scopes: ["lists:write", "profiles:read"], expiration: "60" },
    { name: "a&b=c, d:e #f %g +h", description: "", scopes: ["accounts:read"], expiration: "never" },
    { name: "<b>bold</b>", description: "", scopes: [], expiration: "custom", expiresOn: "2027-01-18" },
    { name: "Ünïcødé 😀", description: "?", scopes: ["data-privacy:write"] },
  ])("round-trips %j", (values) => {
    const prefill = roundTrip(values);
    expect(prefill.initial).toEqual(values);
    expect(prefill).toMatchObject({ requested: true, ignored: [], lowered: [], notes: [] });
  });

  it("leaves out a custom date a link cannot say in days", () => {
    expect(buildPrefillLink({ name: "x", description: "", scopes: [], expiration: "custom", expiresOn: "2026-12-04" }, NOW)).toBe(
      "/keys/new?name=x",
    );
    expect(buildPrefillLink({ name: "x", description: "", scopes: [], expiration: "custom", expiresOn: "" }, NOW)).toBe("/keys/new?name=x");
  });
});
