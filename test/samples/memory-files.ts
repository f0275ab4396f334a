// An in-memory FileAccess for sample tests: paths are posix, globs are matched with picomatch like the Node one.
import picomatch from 'picomatch';
import type { FileAccess } from '../../core/files';

export function memoryFiles(files: Record<string, string>): FileAccess & { globs: string[][] } {
  const globs: string[][] = [];
  return {
    globs,
    async readText(uri) {
      return files[uri];
    },
    async glob(base, patterns) {
      globs.push([...patterns]);
      const matchers = patterns.map((p) => picomatch(p));
      const prefix = `${base}/`;
      return Object.keys(files)
        .filter((uri) => uri.startsWith(prefix) && matchers.some((m) => m(uri.slice(prefix.length))))
        .sort();
    },
  };
}
