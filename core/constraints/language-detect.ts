// tinyld, loaded on first use: its n-gram tables cost the language server ~45 MiB of memory from startup,
// though only prompts that declare a `language` constraint ever need them.

type Detect = (text: string) => string;

let loaded: Detect | undefined;

/** tinyld's `detect`: an ISO 639-1 code, or '' when it cannot tell. */
export function detectLanguage(text: string): string {
  // A plain require, so bundles and tests load the module when this first runs rather than at startup.
  loaded ??= (require('tinyld') as { detect: Detect }).detect;
  return loaded(text);
}
