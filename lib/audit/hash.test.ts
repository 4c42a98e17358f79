// The event text every link and content digest is taken over is written out by hand for speed: it must
// stay what canonicalJson gives for the chained columns, or every chain written before would break.
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";
import { type ChainedFields, eventText } from "./hash";

const event: ChainedFields = {
  workspaceId: "ws1",
  seq: 42,
  actorType: "user",
  actorId: "u1",
  actorLabel: 'Ann "the owner" <ann@example.test>',
  action: "key.created",
  targetType: "api_key",
  targetId: null,
  targetLabel: "Key ✓ \n two lines",
  metadata: '{"after":["lists:write"]}',
  ip: null,
  userAgent: "vitest",
  createdAt: new Date("2026-01-02T03:04:05.678Z"),
};

describe("eventText", () => {
  it("is the canonical JSON of the chained columns, nulls and all", () => {
    const { createdAt, ...rest } = event;
    expect(eventText(event)).toBe(canonicalJson({ ...rest, createdAt: createdAt.toISOString() }));
    expect(eventText({ ...event, targetId: "k1", ip: "192.0.2.1" })).toBe(
      canonicalJson({ ...rest, targetId: "k1", ip: "192.0.2.1", createdAt: createdAt.toISOString() }),
    );
  });

  it("leaves out what the row carries beyond the chained columns", () => {
    expect(eventText({ ...event, id: "row", hash: "link" } as ChainedFields)).toBe(eventText(event));
  });
});
