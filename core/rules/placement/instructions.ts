// Which paragraphs of a prompt are instructions (directives to the model) rather than material (documents, data, examples).

/**
 * A line that starts a directive: an imperative verb at the start of a sentence (after a list marker or
 * "Please"), capitalised as sentences are (so lower-case code such as `return x` is not one). Headings are
 * titles ("### Create Multiple Records" in a reference guide), not directives: only the section names below
 * ("## Instructions") count.
 */
const IMPERATIVE = new RegExp(
  String.raw`^(?:[-*+]\s+|\d{1,3}[.)]\s+|>\s*)?(?:\*\*)?(?:Please,?\s+)?(?:` +
    [
      'Answer',
      'Respond',
      'Reply',
      'Return',
      'Write',
      'Summari[sz]e',
      'Use',
      'Do',
      "Don[’']t",
      'Never',
      'Always',
      'Avoid',
      'Ensure',
      'Make sure',
      'Keep',
      'Provide',
      'Give',
      'Extract',
      'Classify',
      'Translate',
      'Identify',
      'Cite',
      'List',
      'Output',
      'Format',
      'Include',
      'Explain',
      'Describe',
      'Generate',
      'Produce',
      'Limit',
      'Begin',
      'Start',
      'End',
      'Focus',
      'Ignore',
      'Follow',
      'Act as',
      'Think',
      'Consider',
      'Analy[sz]e',
      'Compare',
      'Rewrite',
      'Check',
      'Review',
      'Determine',
      'Decide',
      'Choose',
      'Select',
      'Rate',
      'Score',
      'Label',
      'Refuse',
      'Ask',
      'Only',
      'Remember',
      'Make',
      'Create',
      'Find',
      'Quote',
      'Mention',
      'State',
      'Rank',
      'Reason',
      'Verify',
      'Assume',
      'Stick to',
      'Base your',
    ].join('|') +
    String.raw`)\b`,
);

/** Second-person directives and task statements anywhere in a line. */
const DIRECTIVE = [
  /\b[Yy]ou (?:must|should|will|shall|need to|have to|are to|may not|must not|should not|cannot|can't|are not allowed to)\b/,
  /\b[Yy]our (?:task|job|goal|role|objective|answer|response|output) (?:is|must|should|will)\b/,
  /^(?:[-*+]\s+)?You are (?:an?|the)\b/,
  /^(?:[-*+]\s+|\d{1,3}[.)]\s+)?Please,?\s+[a-z]/,
  /\bI(?: would|'d|’d)? (?:like|want|need) you to\b/,
  /^(?:#{1,6}\s+|\*\*)?(?:Instructions?|Task|Rules|Guidelines|Constraints|Requirements|Output format|Response format)\b\s*(?::|\*\*|$)/i,
];

export function isInstructionLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length < 3) return false;
  return IMPERATIVE.test(trimmed) || DIRECTIVE.some((pattern) => pattern.test(trimmed));
}

/** Whether a paragraph holds a directive line outside fenced code; `inFence` carries the fence state across paragraphs. */
export function isInstructionParagraph(text: string, inFence: boolean): { instruction: boolean; inFence: boolean } {
  let instruction = false;
  // Split at line breaks with a string, not a pattern: `split(/…/)` would compile a copy (core/matches.ts).
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^\s*(?:```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (!inFence && !instruction && isInstructionLine(line)) instruction = true;
  }
  return { instruction, inFence };
}
