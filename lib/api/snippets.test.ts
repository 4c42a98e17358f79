import { describe, expect, it } from "vitest";
import { keySnippets } from "./snippets";

const SECRET = `ksk_${"A".repeat(36)}`;

describe("keySnippets", () => {
  it("calls GET /api/v1/key at the base URL with the secret, in curl, JavaScript and Python", () => {
    const snippets = keySnippets("https://keys.example.com", SECRET);
    expect(snippets.map((s) => s.label)).toEqual(["curl", "JavaScript (fetch)", "Python (requests)"]);
    expect(snippets[0]!.code).toBe(`curl -H "Authorization: Bearer ${SECRET}" https://keys.example.com/api/v1/key`);
    for (const snippet of snippets) {
      expect(snippet.code).toContain("https://keys.example.com/api/v1/key");
      expect(snippet.code).toContain(`Bearer ${SECRET}`);
    }
  });

  it("reads the key from KEYSMITH_KEY when there is no secret to show", () => {
    const [curl, javascript, python] = keySnippets("https://keys.example.com", null);
    expect(curl!.code).toBe('curl -H "Authorization: Bearer $KEYSMITH_KEY" https://keys.example.com/api/v1/key');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's JavaScript template literal, as text.
    expect(javascript!.code).toContain("headers: { Authorization: `Bearer ${process.env.KEYSMITH_KEY}` },");
    expect(python!.code).toContain("import os");
    expect(python!.code).toContain(`headers={"Authorization": f"Bearer {os.environ['KEYSMITH_KEY']}"},`);
  });
});
