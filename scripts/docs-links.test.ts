// The repository's documents point only at what the repository holds: every relative link in a Markdown
// file (images too) names a file that exists, and its #section a heading there; every *.md a code file
// names exists, and a `docs/x.md, "Section"` reference names a heading of that file; nothing refers to
// the sibling folder where the founders' brief lives outside the repository, or to any other path outside it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const CODE = /\.(ts|tsx|mjs|prisma)$/;
const BINARY = /\.(png|jpe?g|gif|ico|webp|woff2?|wasm|db)$/i;
// Spelled in parts, so that this file itself never names the folder it forbids.
const OUTSIDE = ["..", "shared"].join("/");

type Read = (file: string) => string | null;

/** Tracked files and new ones git does not ignore, from the root; not this one, whose examples are broken on purpose. */
function repositoryFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  const self = path.relative(root, import.meta.filename);
  return [...new Set(listed.split("\0"))].filter((file) => file && file !== self && fs.existsSync(path.join(root, file)));
}

const readFromDisk: Read = (file) => {
  const full = path.join(root, file);
  return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, "utf8") : null;
};

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

const withoutCode = (markdown: string) => markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/`[^`\n]*`/g, "");

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, text] of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(text!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count ? `${base}-${count}` : base);
  }
  return anchors;
}

/** The repository path `target` names, written in `from` (a leading / means the root), or null outside it. */
function inRepository(from: string, target: string): string | null {
  const resolved = target.startsWith("/") ? path.normalize(target.slice(1)) : path.normalize(path.join(path.dirname(from), target));
  return resolved.startsWith("..") || path.isAbsolute(resolved) ? null : resolved;
}

const isDirectory = (file: string) => fs.existsSync(path.join(root, file)) && fs.statSync(path.join(root, file)).isDirectory();

/** What is wrong with `target` (found in `from`), which names `file`, and its #anchor or quoted section. */
function targetProblems(from: string, target: string, file: string | null, anchor: string | undefined, read: Read): string[] {
  if (file === null) return [`${from}: ${target} points outside the repository`];
  const content = read(file);
  if (content === null) return isDirectory(file) ? [] : [`${from}: ${target} names a file that does not exist`];
  if (anchor !== undefined && file.endsWith(".md") && !anchorsOf(content).has(anchor))
    return [`${from}: ${target} has no section #${anchor}`];
  return [];
}

/** Broken links of one Markdown file: inline links, images and reference definitions. */
function markdownProblems(file: string, markdown: string, read: Read): string[] {
  const text = withoutCode(markdown);
  const targets = [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!),
  ];
  return targets.flatMap((target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return []; // https:, mailto: and the like
    const [pathPart, anchor] = target.split("#", 2) as [string, string | undefined];
    if (!pathPart) return anchorsOf(markdown).has(anchor ?? "") ? [] : [`${file}: ${target} has no section in this file`];
    return targetProblems(file, target, inRepository(file, decodeURIComponent(pathPart)), anchor, read);
  });
}

/**
 * The *.md files a code file names: from the root (docs/x.md, README.md) or relative to the file
 * (./x.md, ../x.md), each with the section quoted after it, if any (`docs/x.md, "Section"`).
 */
function codeProblems(file: string, source: string, read: Read): string[] {
  return [...source.matchAll(/(?<![\w@/.-])((?:\.{1,2}\/)*[\w-]+(?:\/[\w.-]+)*\.md)\b(?:,\s*"([^"\n]+)")?/g)].flatMap(
    ([, target, section]) => {
      const named = target!.startsWith(".") ? inRepository(file, target!) : inRepository("", target!);
      return targetProblems(file, section ? `${target}, "${section}"` : target!, named, section && slug(section), read);
    },
  );
}

function outsideProblems(file: string, text: string): string[] {
  return text.includes(OUTSIDE) ? [`${file}: refers to ${OUTSIDE}, which is not part of the repository`] : [];
}

describe("links and references in the repository", () => {
  const files = repositoryFiles();

  it("name files and sections that exist, and nothing outside the repository", () => {
    const problems: string[] = [];
    for (const file of files) {
      if (BINARY.test(file)) continue;
      const text = readFromDisk(file);
      if (text === null) continue;
      problems.push(...outsideProblems(file, text));
      if (file.endsWith(".md")) problems.push(...markdownProblems(file, text, readFromDisk));
      else if (CODE.test(file)) problems.push(...codeProblems(file, text, readFromDisk));
    }
    expect(problems).toEqual([]);
  });

  it("covers the documents and the code", () => {
    expect(files).toEqual(expect.arrayContaining(["README.md", "CONTRIBUTING.md", "docs/README.md", "server.ts", "prisma/models.prisma"]));
  });
});

describe("the link check", () => {
  const fake: Record<string, string> = {
    "docs/guide.md": "# Guide\n\n## Running it\n",
    "public/shot.png": "",
  };
  const read: Read = (file) => fake[file] ?? null;

  it("finds a missing file, image, section and a path outside the repository in Markdown", () => {
    const markdown = [
      "[ok](docs/guide.md#running-it) ![ok](public/shot.png) [web](https://example.com) `[code](nowhere.md)`",
      `[gone](docs/gone.md) ![gone](public/gone.png) [section](docs/guide.md#stopping) [outside](${OUTSIDE}/DESIGN.md)`,
      "[here](#nothing)",
      "[ref]: docs/old.md",
    ].join("\n");
    expect(markdownProblems("README.md", markdown, read)).toEqual([
      "README.md: docs/gone.md names a file that does not exist",
      "README.md: public/gone.png names a file that does not exist",
      "README.md: docs/guide.md#stopping has no section #stopping",
      `README.md: ${OUTSIDE}/DESIGN.md points outside the repository`,
      "README.md: #nothing has no section in this file",
      "README.md: docs/old.md names a file that does not exist",
    ]);
  });

  it("finds a missing docs/ file or section and a brief that is not in the repository, in code comments", () => {
    const source = [
      '// See docs/guide.md, "Running it", and docs/guide.md.',
      '// See docs/gone.md and docs/guide.md, "Stopping".',
      "// The design is in DESIGN.md.",
    ].join("\n");
    expect(codeProblems("lib/x.ts", source, read)).toEqual([
      "lib/x.ts: docs/gone.md names a file that does not exist",
      'lib/x.ts: docs/guide.md, "Stopping" has no section #stopping',
      "lib/x.ts: DESIGN.md names a file that does not exist",
    ]);
    expect(outsideProblems("lib/x.ts", `// read ${OUTSIDE}/DESIGN.md`)).toHaveLength(1);
  });
});
