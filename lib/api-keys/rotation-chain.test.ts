import { describe, expect, it } from "vitest";
import { nestRotationChains } from "./rotation-chain";

const key = (id: string, rotatedFromId: string | null = null) => ({ id, rotatedFromId });
const shape = (keys: ReturnType<typeof key>[]) =>
  nestRotationChains(keys).map((chain) => [chain.key.id, ...chain.predecessors.map((previous) => previous.id)]);

describe("nestRotationChains", () => {
  it("puts each predecessor under the newest key of its chain, in chain order", () => {
    // Newest first, as the list sorts: c replaced b, which replaced a; x stands alone.
    expect(shape([key("c", "b"), key("x"), key("b", "a"), key("a")])).toEqual([["c", "b", "a"], ["x"]]);
  });

  it("keeps a chain together whatever the order, with the replacement first", () => {
    expect(shape([key("a"), key("b", "a"), key("x")])).toEqual([["b", "a"], ["x"]]);
  });

  it("leaves a key whose replacement is not on the page where it was, and links past a missing one", () => {
    // b's replacement is on another page; d replaced c, whose predecessor is not on the page.
    expect(shape([key("b", "a"), key("d", "c"), key("c", "gone")])).toEqual([["b"], ["d", "c"]]);
  });

  it("loses no key to a loop in damaged data", () => {
    expect(
      shape([key("a", "b"), key("b", "a")])
        .flat()
        .sort(),
    ).toEqual(["a", "b"]);
  });
});
