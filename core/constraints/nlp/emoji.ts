// Is a character an emoji? Unicode's `Emoji` property, without the characters that are emoji only as part
// of a sequence: the keycap bases `#`, `*`, `0`–`9` and the regional indicator letters of flags. IFBench's
// `format:emoji` asks the `emoji` package, whose table lists the same single characters (docs/ifbench.md,
// "Emoji", has the comparison).
const EMOJI = /^(?![#*0-9\u{1F1E6}-\u{1F1FF}])\p{Emoji}$/u;

/** Whether the single code point `ch` is an emoji. */
export function isEmojiChar(ch: string): boolean {
  return EMOJI.test(ch);
}
