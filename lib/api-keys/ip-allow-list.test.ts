import { describe, expect, it } from "vitest";
import { isAddressAllowed, MAX_ALLOW_LIST_ENTRIES, parseAllowList } from "./ip-allow-list";

const stored = (text: string) => JSON.stringify(parseAllowList(text).entries);

describe("parseAllowList", () => {
  it("takes IPv4 and IPv6 addresses and ranges, one per line, normalized, without blanks or repeats", () => {
    expect(parseAllowList(" 203.0.113.0/24 \n\n2001:DB8::/32\r\n198.51.100.7\n203.0.113.0/24\n")).toEqual({
      entries: ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"],
      problems: [],
    });
  });

  it.each([
    ["10.0.0.300", 'Line 1: "10.0.0.300" is not an IPv4 or IPv6 address or CIDR range.'],
    ["10.0.0.0/33", 'Line 1: "10.0.0.0/33" has a prefix length outside 0-32.'],
    ["2001:db8::/129", 'Line 1: "2001:db8::/129" has a prefix length outside 0-128.'],
    ["10.0.0.0/8/8", 'Line 1: "10.0.0.0/8/8" is not an IPv4 or IPv6 address or CIDR range.'],
    ["10.0.0.0/-1", 'Line 1: "10.0.0.0/-1" has a prefix length outside 0-32.'],
    ["example.com", 'Line 1: "example.com" is not an IPv4 or IPv6 address or CIDR range.'],
  ])("refuses %s, naming the line", (line, problem) => {
    expect(parseAllowList(line).problems).toEqual([problem]);
  });

  it("names the line of each problem and refuses more than the maximum", () => {
    expect(parseAllowList("10.0.0.1\nnope").problems).toEqual(['Line 2: "nope" is not an IPv4 or IPv6 address or CIDR range.']);
    const many = Array.from({ length: MAX_ALLOW_LIST_ENTRIES + 1 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`).join("\n");
    expect(parseAllowList(many).problems).toEqual([`At most ${MAX_ALLOW_LIST_ENTRIES} entries.`]);
  });
});

describe("isAddressAllowed", () => {
  const list = stored("203.0.113.0/24\n2001:db8::/32\n198.51.100.7");

  it("allows any address when the list is empty", () => {
    expect(isAddressAllowed("[]", "192.0.2.1")).toBe(true);
    expect(isAddressAllowed("[]", null)).toBe(true);
  });

  it.each([
    ["203.0.113.42", true],
    ["198.51.100.7", true],
    ["198.51.100.8", false],
    ["2001:db8:1::5", true],
    ["2001:db9::1", false],
    ["::ffff:203.0.113.9", true],
    ["::ffff:192.0.2.1", false],
    ["not an address", false],
  ])("%s -> %s", (address, allowed) => {
    expect(isAddressAllowed(list, address)).toBe(allowed);
  });

  it("refuses a request whose address is unknown", () => {
    expect(isAddressAllowed(list, null)).toBe(false);
  });

  it("sees an edited list at once", () => {
    expect(isAddressAllowed(stored("10.0.0.0/8"), "10.1.1.1")).toBe(true);
    expect(isAddressAllowed(stored("10.0.0.0/16"), "10.1.1.1")).toBe(false);
  });
});
