// Limits on the shape of a JSON body, checked on the raw text in one pass without recursion, before
// anything parses it: a body nested 30,000 deep used to overflow the stack (a 500), and records
// stored that deep broke every list that included them.

export const JSON_LIMITS = {
  /** Objects and arrays inside one another, counting the body's own {"data": {"attributes": ...}}. */
  depth: 32,
  /** Object members in the whole body. */
  keys: 1_000,
  /** Items in any one array. */
  arrayItems: 1_000,
} as const;

/** What is over a limit, as a sentence naming it, or null when the text is within all of them. */
export function jsonLimitExceeded(text: string): string | null {
  // Per open container: whether it is an array, and how many commas it holds so far.
  const arrays: boolean[] = [];
  const commas: number[] = [];
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    switch (c) {
      case 0x22:
        inString = true;
        break;
      case 0x7b /* { */:
      case 0x5b /* [ */:
        if (arrays.length === JSON_LIMITS.depth) return `The body is nested deeper than ${JSON_LIMITS.depth} levels.`;
        arrays.push(c === 0x5b);
        commas.push(0);
        break;
      case 0x7d /* } */:
      case 0x5d /* ] */:
        arrays.pop();
        commas.pop();
        break;
      case 0x3a /* : */:
        if (++keys > JSON_LIMITS.keys) return `The body has more than ${JSON_LIMITS.keys} object members.`;
        break;
      case 0x2c /* , */:
        {
          const top = commas.length - 1;
          if (top >= 0 && arrays[top] && ++commas[top]! >= JSON_LIMITS.arrayItems)
            return `An array in the body has more than ${JSON_LIMITS.arrayItems} items.`;
          break;
        }
    }
  }
  return null;
}
