// Which failures the API answers with 503 `unavailable` (the database is away: retry) rather than 500
// (a bug). The soak (npm run soak) shows it end to end with a PostgreSQL cluster stopped under load.
import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "./database-unreachable";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnreachable", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["a reset connection", withCode("read ECONNRESET", "ECONNRESET")],
    ["PostgreSQL shutting down", withCode("terminating connection due to administrator command", "57P01")],
    ["PostgreSQL starting up", withCode("the database system is starting up", "57P03")],
    ["a connection exception", withCode("connection failure", "08006")],
    ["pg's terminated connection", new Error("Connection terminated unexpectedly")],
    ["Prisma's unreachable server", withCode("Can't reach database server at 127.0.0.1:5432", "P1001")],
    ["Prisma's pool timeout", withCode("Timed out fetching a new connection from the connection pool", "P2024")],
    [
      "a driver adapter's kind, deep in the cause chain",
      new Error("query failed", { cause: new Error("adapter", { cause: { kind: "DatabaseNotReachable" } }) }),
    ],
  ])("is true for %s", (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ["a programming error", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["a unique constraint", withCode("Unique constraint failed on the fields: (`hash`)", "P2002")],
    ["a syntax error", withCode('syntax error at or near "SELEC"', "42601")],
    ["a string", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("is false for %s", (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });

  it("stops on a cause chain that loops", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnreachable(a)).toBe(false);
  });
});
