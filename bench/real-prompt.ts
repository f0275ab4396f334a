// Builds large prompts from real Markdown found on the machine (the docs shipped in node_modules), at bench time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const REPO = path.join(__dirname, '..');

/** Every `.md` file under `root` of at least 2 KB, in a stable order (sorted paths), symlinks followed once. */
export function markdownFiles(root = path.join(REPO, 'node_modules')): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = statSync(dir).isDirectory() ? dir : '';
    } catch {
      return;
    }
    if (!real) return;
    const key = realKey(dir);
    if (seen.has(key)) return;
    seen.add(key);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      let stat;
      try {
        stat = statSync(file);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(file);
      else if (name.toLowerCase().endsWith('.md') && stat.size >= 2048) found.push(file);
    }
  };
  walk(root);
  return found;
}

function realKey(dir: string): string {
  try {
    const { dev, ino } = statSync(dir);
    return `${dev}:${ino}`;
  } catch {
    return dir;
  }
}

const FRONTMATTER = [
  '---',
  'model: gpt-4o',
  'budget:',
  '  output: 4000',
  '  variables:',
  '    question: 200',
  'constraints:',
  '  words: {max: 300}',
  '---',
  '# Documentation assistant',
  '',
  'Answer {{question}} from the package documentation below. Keep the answer under 300 words and cite the package.',
  '',
  '',
].join('\n');

/**
 * About `bytes` of prompt: a frontmatter, then real Markdown files, each under a `## <package path>` heading
 * (their own frontmatter dropped), repeated in order when the machine has less Markdown than asked for.
 */
export function realMarkdownPrompt(bytes: number, files = markdownFiles()): { text: string; files: number } {
  if (files.length === 0) throw new Error('no Markdown files found under node_modules to build the benchmark prompt from');
  const parts = [FRONTMATTER];
  let size = FRONTMATTER.length;
  let used = 0;
  for (let i = 0; size < bytes && i < files.length * 1000; i++) {
    const file = files[i % files.length];
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      continue; // removed since it was listed (node_modules being reinstalled)
    }
    const body = raw.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').replace(/\r\n?/g, '\n');
    const section = `## ${path.relative(REPO, file)}${i >= files.length ? ` (copy ${Math.floor(i / files.length) + 1})` : ''}\n\n${body.trimEnd()}\n\n`;
    parts.push(section);
    size += Buffer.byteLength(section, 'utf8');
    used++;
  }
  return { text: parts.join(''), files: Math.min(used, files.length) };
}
