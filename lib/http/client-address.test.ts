import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseTrustProxy } from "./client-address";

const SOCKET = "::ffff:10.0.0.5"; // the nearest peer: the proxy, or the client itself

describe("parseTrustProxy", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["false", 0],
    ["0", 0],
    ["true", 1],
    ["TRUE", 1],
    ["1", 1],
    ["3", 3],
  ])("%j means %i trusted hops", (value, hops) => {
    expect(parseTrustProxy(value)).toBe(hops);
  });

  it.each(["yes", "-1", "1.5", "100", "loopback", "10.0.0.0/8"])("refuses %j rather than guess", (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:4711", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["::FFFF:203.0.113.9", "203.0.113.9"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["::1", "::1"],
  ])("%j is %j", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each(["", "unknown", "evil.test", "999.1.1.1", "1.2.3", "<script>", "203.0.113.9 ; drop", "_hidden", `${"1".repeat(200)}`])(
    "%j is no address",
    (raw) => {
      expect(normalizeAddress(raw)).toBeNull();
    },
  );
});

describe("clientAddress", () => {
  it("without a trusted proxy, is the socket's, whatever X-Forwarded-For says", () => {
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "6.6.6.6" }, 0)).toBe("10.0.0.5");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: undefined }, 0)).toBe("10.0.0.5");
  });

  it("behind one proxy, is the entry it appended (the right-most), not the client-written left-most", () => {
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "198.51.100.7" }, 1)).toBe("198.51.100.7");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "6.6.6.6, 198.51.100.7" }, 1)).toBe("198.51.100.7");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "1.1.1.1,2.2.2.2 , 198.51.100.7" }, 1)).toBe("198.51.100.7");
    // Several header lines arrive as one list, in order.
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: ["6.6.6.6", "198.51.100.7"] }, 1)).toBe("198.51.100.7");
  });

  it("behind N proxies, is the Nth from the right", () => {
    const forwardedFor = "6.6.6.6, 198.51.100.7, 10.1.0.1";
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor }, 2)).toBe("198.51.100.7");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor }, 3)).toBe("6.6.6.6");
  });

  it("falls back to the socket when the chain is shorter than the trusted hops or the entry is no address", () => {
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "198.51.100.7" }, 2)).toBe("10.0.0.5");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "" }, 1)).toBe("10.0.0.5");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: undefined }, 1)).toBe("10.0.0.5");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "6.6.6.6, not-an-ip" }, 1)).toBe("10.0.0.5");
    expect(clientAddress({ socketAddress: SOCKET, forwardedFor: "6.6.6.6, [2001:db8::7]:1234" }, 1)).toBe("2001:db8::7");
  });

  it("is null only when not even the socket has an address", () => {
    expect(clientAddress({ socketAddress: undefined, forwardedFor: "6.6.6.6" }, 0)).toBeNull();
  });
});
