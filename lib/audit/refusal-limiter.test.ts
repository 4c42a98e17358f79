import { describe, expect, it } from "vitest";
import { ACTOR_EVENTS_PER_MINUTE, RefusalLimiter } from "./refusal-limiter";

const T0 = 1_000_000;

describe("the refusal limiter", () => {
  it("writes one event per actor, action and object a minute, and counts the rest on the next", () => {
    const limiter = new RefusalLimiter();
    expect(limiter.decide("ana", "ana:revoke:k1", T0)).toEqual({ write: true, repeated: 0, othersUnrecorded: 0 });
    for (let i = 1; i <= 500; i++) expect(limiter.decide("ana", "ana:revoke:k1", T0 + i * 100)).toEqual({ write: false });
    // Another object, or another actor, has its own window.
    expect(limiter.decide("ana", "ana:revoke:k2", T0 + 1).write).toBe(true);
    expect(limiter.decide("bob", "bob:revoke:k1", T0 + 1).write).toBe(true);
    expect(limiter.decide("ana", "ana:revoke:k1", T0 + 60_000)).toEqual({ write: true, repeated: 500, othersUnrecorded: 0 });
    expect(limiter.decide("ana", "ana:revoke:k1", T0 + 60_001)).toEqual({ write: false });
  });

  it("bounds an actor naming ever new objects, and counts what it held back", () => {
    const limiter = new RefusalLimiter();
    const written = Array.from({ length: 100 }, (_, i) => limiter.decide("eve", `eve:revoke:random-${i}`, T0 + i)).filter((d) => d.write);
    expect(written).toHaveLength(ACTOR_EVENTS_PER_MINUTE);
    expect(limiter.decide("eve", "eve:revoke:random-next", T0 + 60_000)).toEqual({
      write: true,
      repeated: 0,
      othersUnrecorded: 100 - ACTOR_EVENTS_PER_MINUTE,
    });
  });
});
