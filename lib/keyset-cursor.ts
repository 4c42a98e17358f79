// Keyset pagination cursors: the last row's sort value and id, opaque to the client. A deep page costs
// what the first does, and a cursor that was tampered with reads as "no cursor" (the first page).
export type KeysetCursor = { v: string; id: string };

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(raw: string | undefined): KeysetCursor | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return typeof parsed?.v === "string" && typeof parsed?.id === "string" ? parsed : null;
  } catch {
    return null;
  }
}
