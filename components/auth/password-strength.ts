// zxcvbn-ts, loaded in the browser on the first keystroke in a new-password field: its dictionaries
// are large, and only the pages that set a password need them.
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return estimator;
}

export type Strength = { score: 0 | 1 | 2 | 3 | 4; warning: string | null };

/** zxcvbn's score (0 weakest to 4 strongest) and its warning, if any; words given are penalized. */
export async function estimateStrength(password: string, userInputs: string[]): Promise<Strength> {
  const result = (await loadEstimator()).check(password, userInputs);
  return { score: result.score, warning: result.feedback.warning || null };
}
