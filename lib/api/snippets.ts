// Ready-to-run calls of GET /api/v1/key, the check that a key works, in the languages people paste
// into first. With the secret on the reveal screen; elsewhere the key comes from the KEYSMITH_KEY
// environment variable, the place a key belongs. Pure: the reveal panel builds them in the browser.

export type Snippet = { id: "curl" | "javascript" | "python"; label: string; code: string };

/** `secret` null: each snippet reads the key from the environment instead. */
export function keySnippets(baseUrl: string, secret: string | null): Snippet[] {
  const url = `${baseUrl}/api/v1/key`;
  const quoted = JSON.stringify(url);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's own JavaScript template literal, not this file's.
  const javascriptHeader = secret ? JSON.stringify(`Bearer ${secret}`) : "`Bearer ${process.env.KEYSMITH_KEY}`";
  const pythonHeader = secret ? JSON.stringify(`Bearer ${secret}`) : `f"Bearer {os.environ['KEYSMITH_KEY']}"`;
  return [
    { id: "curl", label: "curl", code: `curl -H "Authorization: Bearer ${secret ?? "$KEYSMITH_KEY"}" ${url}` },
    {
      id: "javascript",
      label: "JavaScript (fetch)",
      code: [
        `const response = await fetch(${quoted}, {`,
        `  headers: { Authorization: ${javascriptHeader} },`,
        "});",
        "console.log(response.status, await response.json());",
      ].join("\n"),
    },
    {
      id: "python",
      label: "Python (requests)",
      code: [
        ...(secret ? [] : ["import os", ""]),
        "import requests",
        "",
        "response = requests.get(",
        `    ${quoted},`,
        `    headers={"Authorization": ${pythonHeader}},`,
        ")",
        "print(response.status_code, response.json())",
      ].join("\n"),
    },
  ];
}
