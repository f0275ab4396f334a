// A synthetic repository of prompt files for the CLI benchmarks: `files` small .prompt.md files spread over folders.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TreeShape {
  /** The folder (relative to the root) prompt `i` goes in. */
  folder(i: number): string;
  /** How many times each prompt's paragraph is repeated (its size). */
  paragraphs: number;
}

export function writePromptTree(root: string, files: number, shape: TreeShape): void {
  for (let i = 0; i < files; i++) {
    const folder = path.join(root, shape.folder(i));
    mkdirSync(folder, { recursive: true });
    const body =
      `# Task ${i}\n\nYou are assistant number ${i}. Answer the customer's question about order {{order}} politely.\n`.repeat(
        shape.paragraphs,
      );
    writeFileSync(
      path.join(folder, `p${i}.prompt.md`),
      `---\nmodel: gpt-4o-mini\nbudget:\n  output: 500\n  variables:\n    order: 200\n---\n${body}`,
    );
  }
}
