import { describe, expect, it } from "vitest";
import { endToEndHeaders } from "./hop-by-hop";

describe("endToEndHeaders", () => {
  it("drops every hop-by-hop field of RFC 9110 section 7.6.1, and Proxy-Connection", () => {
    const headers = {
      connection: "keep-alive",
      "keep-alive": "timeout=5",
      "proxy-connection": "keep-alive",
      te: "trailers",
      "transfer-encoding": "chunked",
      upgrade: "websocket",
      "proxy-authorization": "Basic eA==",
      "proxy-authenticate": "Basic",
      trailer: "expires",
      "content-type": "application/json",
    };
    expect(endToEndHeaders(headers)).toEqual({ "content-type": "application/json" });
  });

  it("drops the fields Connection names, in any case and across several Connection values", () => {
    const headers = { connection: ["close, X-One", " x-two ,"], "x-one": "1", "x-two": "2", "x-three": "3" };
    expect(endToEndHeaders(headers)).toEqual({ "x-three": "3" });
  });

  it("keeps end-to-end fields as they are, arrays included, and drops what the caller says to", () => {
    const headers = { "set-cookie": ["a=1", "b=2"], authorization: "Bearer x", accept: "*/*", missing: undefined };
    expect(endToEndHeaders(headers, (name) => name === "authorization")).toEqual({ "set-cookie": ["a=1", "b=2"], accept: "*/*" });
  });
});
