// English pronouns: personal, possessive, reflexive, demonstrative, interrogative and relative, and
// indefinite, the set IFBench's `count:pronouns` counts (docs/ifbench.md).
export const PRONOUNS: ReadonlySet<string> = new Set(
  (
    'i me we us you he him she her it they them ' +
    'my mine our ours your yours his hers its their theirs ' +
    'myself ourselves yourself yourselves himself herself itself themselves ' +
    'this that these those ' +
    'who whom whose which what whoever whomever whatever whichever ' +
    'anybody anyone anything everybody everyone everything nobody nothing somebody someone something ' +
    'each either neither both all some any none'
  ).split(' '),
);
