// Large bodies sent and received a chunk at a time, never whole in this process: what the gateway's
// streaming is measured with (e2e/gateway.spec.ts, npm run bench).
import http from "node:http";

const CHUNK = Buffer.alloc(64 * 1024, 7);

/** POSTs `bytes` bytes to `url` as the connection takes them; stops sending once an answer arrives. */
export function streamUpload(url: string, headers: Record<string, string>, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", ...headers, "content-length": bytes },
    });
    request.once("error", reject);
    request.once("response", async (response) => {
      answered = true;
      let body = "";
      for await (const part of response) body += part;
      resolve({ status: response.statusCode ?? 0, body });
    });
    const send = (left: number) => {
      let rest = left;
      while (rest > 0 && !answered) {
        const chunk = rest >= CHUNK.length ? CHUNK : CHUNK.subarray(0, rest);
        rest -= chunk.length;
        if (!request.write(chunk)) return void request.once("drain", () => send(rest));
      }
      if (!answered) request.end();
    };
    send(bytes);
  });
}

/** GETs `url` and counts the body's bytes as they arrive. */
export async function streamDownload(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; contentLength: string | null; bytes: number }> {
  const response = await fetch(url, { headers });
  let bytes = 0;
  const reader = response.body!.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.length;
  return { status: response.status, contentLength: response.headers.get("content-length"), bytes };
}
