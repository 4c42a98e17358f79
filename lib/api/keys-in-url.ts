// A key in the URL is refused, and never recorded or logged as sent: proxies, browser history and the
// request log keep URLs, and Support reads the request log. Found anywhere in the path or the query,
// with junk around it, and through layers of percent-encoding ("%6Bsk_…", "%256B…", "+" for a space).
import { displayParts, maskedKey } from "@/lib/api-keys/key-format";

// Anything shaped like a key, checksum or not: a mistyped key is still most of a secret.
const KEY_LIKE = /ksk_[0-9A-Za-z]{36}/g;
// Decoding rounds: "%25" nests one more round each; beyond this the text is left as it is.
const MAX_DECODING_ROUNDS = 4;

/** One round of lenient percent-decoding: only ASCII escapes (a key is ASCII), never throws. */
function decodeOnce(text: string): string {
  return text.replace(/\+/g, " ").replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export type UrlKeyScan = { hasKey: boolean; redacted: string };

/**
 * Whether the request target holds a key, and the text to record instead: unchanged when it holds
 * none, else decoded as far as needed and with every key shown as `ksk_AbCd…wxyz`.
 */
export function scanUrlForKeys(target: string): UrlKeyScan {
  // The hot path: no escape and no key, nothing to do.
  if (!target.includes("%") && !target.includes("+") && !target.includes("ksk_")) return { hasKey: false, redacted: target };
  let text = target;
  for (let round = 0; ; round++) {
    KEY_LIKE.lastIndex = 0;
    if (KEY_LIKE.test(text)) return { hasKey: true, redacted: text.replace(KEY_LIKE, (key) => maskedKey(displayParts(key))) };
    const decoded = decodeOnce(text);
    if (decoded === text || round === MAX_DECODING_ROUNDS) return { hasKey: false, redacted: target };
    text = decoded;
  }
}
