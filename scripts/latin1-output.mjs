// An esbuild plugin: every bundle written is Latin-1 only. V8 keeps a script's source in memory for as long as its
// functions live, one byte a character when every character is at most U+00FF and two bytes otherwise; one curly quote
// in a regular expression doubled the language server's 6 MB of retained source (docs/editor-performance.md,
// "Memory"). esbuild's default ASCII charset escapes strings, templates and identifiers but leaves characters in
// regular expression literals, tagged templates (String.raw) and kept comments as they are; this writes each such
// character as a `\u` escape of four hex digits (a pair of them above U+FFFF). That means the same in a regular
// expression with or without the `u` flag, and in a comment; in String.raw it changes the raw text, which this code
// base only uses to build regular expressions. A character after an odd number of backslashes cannot be escaped this way: the build stops and names it.
// Columns after an escape on the same line shift in the source map.
import { readFileSync, writeFileSync } from 'node:fs';

/** `text` with every character above U+00FF escaped; throws naming the line of one that follows a backslash. */
export function latin1Source(text, file = 'bundle') {
  if (!/[^\u0000-\u00ff]/.test(text)) return text;
  return text.replace(/[^\u0000-\u00ff]/g, (char, offset) => {
    let backslashes = 0;
    while (offset - backslashes - 1 >= 0 && text.charCodeAt(offset - backslashes - 1) === 0x5c) backslashes++;
    if (backslashes % 2 === 1) {
      const line = text.slice(0, offset).split('\n').length;
      throw new Error(
        `${file}:${line}: an escaped ${JSON.stringify(char)} cannot be written as \\u; write \\u${hex(char)} in the source`,
      );
    }
    return `\\u${hex(char)}`;
  });
}

function hex(char) {
  return char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/** Rewrites the JavaScript files a build wrote (it needs `metafile: true`). */
export function latin1Output() {
  return {
    name: 'latin1-output',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length > 0 || result.metafile === undefined) return;
        for (const file of Object.keys(result.metafile.outputs)) {
          if (!file.endsWith('.js')) continue;
          const text = readFileSync(file, 'utf8');
          const latin1 = latin1Source(text, file);
          if (latin1 !== text) writeFileSync(file, latin1);
        }
      });
    },
  };
}
