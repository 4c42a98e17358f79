// zod, as every schema here uses it. In the browser zod would probe whether it may compile parsers with
// `new Function` (a faster path for objects); under the pages' Content-Security-Policy (no
// 'unsafe-eval') that probe is refused and reported as a violation, so the browser skips it. The
// server keeps the compiled path.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
