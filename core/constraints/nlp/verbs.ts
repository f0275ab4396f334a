// Does a text start with a verb? IFBench's `words:start_verb` asks NLTK's perceptron part-of-speech tagger
// for the first token's tag; we do not ship a tagger model, so this is a lexicon and rules of our own,
// measured against the tagger in docs/ifbench.md ("Verbs"):
//
// - the first token (core/constraints/nlp/words.ts) is a verb form: a base form from the lexicon below
//   (`Write`, `Imagine`), its `-s`, `-ed` or `-ing` form (`Creates`, `Considered`, `Using`), another word
//   in `-ing` (`Whirring`; not `Morning`, `Something`), an irregular past form (`Given`, `Took`), or a
//   form of `be`, `do` or `have` (`Is`, `Are`, `Do`);
// - a base form written in lower case counts whatever follows (`explain autonomic …`);
// - a bare base form counts only before the words that the tagger, trained on news text, reads as the
//   object of an imperative (`Write a poem`, `Give me`, `Make it`, `Tell the truth`). Before anything
//   else it tags the word a noun or proper noun (`Write an essay`, `Use at least`, `Include exactly 3`),
//   so neither do we.

/** Base forms of common English verbs, the ones that open instructions, stories and answers. */
const BASE_FORMS = (
  'accept access achieve acknowledge act adapt add address adjust admire admit adopt advance advise affect ' +
  'agree aim allow alter analyse analyze announce answer anticipate apologize appear apply appreciate approach ' +
  'approve argue arrange arrive ask assemble assess assign assist assume attach attack attempt attend ' +
  'attract avoid awaken bake balance ban base bear beat become begin behave believe belong bend bet bind ' +
  'bite blend bless blow boil book boost borrow bounce brainstorm break breathe bring broadcast brush build burn ' +
  'buy calculate call calm cancel capture care carry cast catch categorize celebrate challenge change ' +
  'charge chase check cheer choose cite claim clarify classify clean clear climb close collaborate collect ' +
  'combine come comfort comment commit communicate compare compete compile complain complete compose ' +
  'compute concentrate conclude conduct confirm connect consider construct consult contact continue ' +
  'contribute control convert convince cook coordinate copy correct count cover craft crawl create ' +
  'criticize critique cross cry cultivate cut dance dare deal debate decide declare decline decorate ' +
  'dedicate defend define delete deliver demonstrate deny depend derive describe deserve design ' +
  'determine develop devise die dig direct disagree discover discuss dismiss display distinguish ' +
  'distribute dive divide document download draft drag draw dream dress drink drive drop earn eat ' +
  'edit educate elaborate eliminate embrace emphasize employ empower enable encourage end endure enhance ' +
  'enjoy ensure enter envision erase escape establish estimate evaluate examine exchange exercise exist ' +
  'expand expect experience experiment explain explore express extend extract face fail fall feed feel ' +
  'fetch fight figure fill find finish fit fix fly focus fold follow forget forgive form format ' +
  'formulate foster frame freeze gain gather generate get give glance go grab grant grasp greet grow ' +
  'guess guide hallucinate hand handle hang happen harness hate head heal hear help hide highlight hire hit hold ' +
  'hope host hunt hurry identify ignore illustrate imagine implement imply improve include incorporate ' +
  'increase indicate infer inform innovate insert insist inspect inspire install integrate intend ' +
  'interpret interview introduce invent investigate invite involve join judge jump justify keep kick ' +
  'kill kiss knock know label land last laugh launch lay lead lean learn leave lend let lie lift light ' +
  'like limit link list listen live locate look lose love maintain make manage map mark master match ' +
  'measure meet memorize mention merge mind minimize miss mix modify monitor motivate move multiply ' +
  'name narrate navigate need negotiate note notice nurture obey observe obtain offer open operate ' +
  'optimize order organize outline overcome own paint paraphrase participate pass pause pay perform ' +
  'persuade pick picture place plan plant play point polish ponder pour practice praise pray predict ' +
  'prefer prepare present preserve press pretend prevent print prioritize proceed process produce ' +
  'program promise promote pronounce propose protect prove provide publish pull punch purchase pursue ' +
  'push put question quit quote raise rank rate reach react read realize rearrange reason recall ' +
  'receive recognize recommend record recount recreate reduce refer refine reflect reframe refuse ' +
  'regard register reimagine reject relate relax release rely remain remember remind remove rent ' +
  'reorganize repeat rephrase replace reply report represent request require research resolve ' +
  'respect respond rest restate restore restructure retell retrieve return reveal review revise ' +
  'rewrite ride ring rise risk roll rotate run rush save say scan schedule score search secure see ' +
  'seek select sell send separate serve set settle shake shape share shift shine shoot shop show ' +
  'shut sign simplify sing sit sketch skip sleep slide slow smell smile solve sort speak specify ' +
  'spell spend split spread stand start state stay steal step stick stop store stretch strike ' +
  'strive structure study submit succeed suggest summarise summarize supply support suppose surprise ' +
  'survive swim switch take talk taste teach tell test thank think throw tie track train transform ' +
  'translate travel treat try turn type uncover understand unite unlock update upgrade urge use ' +
  'validate value verify visit visualize wait wake walk want warn wash watch wear weigh welcome win ' +
  'wish wonder work worry wrap write yell'
).split(' ');

/** Irregular past and participle forms. */
const IRREGULAR = (
  'arose awoke was were been bore born beat beaten became began begun bent bet bound bit bitten blew ' +
  'blown broke broken brought built burnt bought cast caught chose chosen came cut dealt dug dove did ' +
  'done drew drawn dreamt drank drunk drove driven ate eaten fell fallen fed felt fought found fled ' +
  'flew flown forgot forgotten forgave forgiven froze frozen got gotten gave given went gone grew grown ' +
  'hung had heard hid hidden hit held hurt kept knelt knew known laid led leant learnt left lent lay ' +
  'lain lit lost made meant met paid put quit read rode ridden rang rung rose risen ran said saw seen ' +
  'sought sold sent set shook shaken shone shot shown shut sang sung sank sunk sat slept slid spoke ' +
  'spoken spent spun split spread sprang stood stole stolen stuck stung struck swore sworn swept swam ' +
  'swum swung took taken taught tore torn told thought threw thrown understood woke woken wore worn ' +
  'wove woven wept won wound wrote written'
).split(' ');

const AUXILIARY = new Set(['is', 'are', 'am', 'be', 'being', 'do', 'does', 'have', 'has', 'having']);

let lexicon: Set<string> | undefined;

function verbForms(): Set<string> {
  if (lexicon) return lexicon;
  lexicon = new Set([...IRREGULAR, ...AUXILIARY]);
  for (const base of BASE_FORMS) {
    lexicon.add(base);
    for (const form of inflections(base)) lexicon.add(form);
  }
  return lexicon;
}

/** The regular `-s`, `-ed` and `-ing` forms of a base form. */
function inflections(base: string): string[] {
  const stem = base.endsWith('e') && !base.endsWith('ee') ? base.slice(0, -1) : base;
  const yStem = /[^aeiou]y$/.test(base) ? base.slice(0, -1) : undefined;
  const doubled = /^[^aeiou]*[aeiou][bdgmnprt]$/.test(base) ? base + base.slice(-1) : undefined;
  const forms = [
    /(?:s|sh|ch|x|z|o)$/.test(base) ? `${base}es` : yStem ? `${yStem}ies` : `${base}s`,
    base.endsWith('e') ? `${base}d` : yStem ? `${yStem}ied` : `${doubled ?? base}ed`,
    base.endsWith('ie') ? `${base.slice(0, -2)}ying` : `${doubled ?? stem}ing`,
  ];
  if (doubled) forms.push(`${base}ed`, `${base}ing`);
  return forms;
}

/** Words in `-ing` that are not verb forms. */
const NOT_GERUNDS = new Set(
  (
    'anything bring building ceiling cling during evening everything king morning nothing ' +
    'offspring pudding ring sibling something spring sterling string thing wedding wing'
  ).split(' '),
);

/** Whether a token is a form of a verb of the lexicon (case ignored). */
export function isLexiconVerb(token: string): boolean {
  return verbForms().has(token.toLowerCase());
}

/** Whether a token is a verb form of the lexicon, or any other word in `-ing` (case ignored). */
export function isVerbForm(token: string): boolean {
  const lower = token.toLowerCase();
  if (verbForms().has(lower)) return true;
  return /^\p{L}{3,}ing$/u.test(lower) && !NOT_GERUNDS.has(lower);
}

/**
 * Frequent verbs that are rarely anything else, taken as verbs whatever follows (`Go away`, `Think about
 * it`).
 */
const ALWAYS_VERBS = new Set(
  'go think begin welcome know come let say see tell get try ask seem feel leave become bring'.split(' '),
);

/** Words after which a bare base form opening a text is an imperative verb. */
const OBJECT_STARTS = new Set(
  "a the me it this your up 's us him her them my our yourself out down these those his their some off".split(' '),
);

let baseForms: Set<string> | undefined;

/** Words before which a base form in `-ize` opening a text is an imperative verb, besides `OBJECT_STARTS`. */
const IZE_CLAUSE_STARTS = new Set(['how', 'what']);

/**
 * Whether the first of `tokens` (Treebank-style) would be tagged a verb.
 *
 * A base form in `-ize` (`Summarize`, `Standardize`; English's productive verb suffix, so such words are
 * hardly ever nouns) counts even outside the lexicon: the tagger, which weighs a word's last three
 * letters, reads it as a verb before an object (`the`, `it`, `your`) and before `how` or `what`
 * (`Characterize how …`), but a noun before another noun or a number (`Summarize key points`,
 * `Standardize data`, `Itemize three`), as it does the lexicon's base forms.
 */
export function startsWithVerb(tokens: readonly string[]): boolean {
  const first = tokens[0];
  if (first === undefined) return false;
  const next = tokens[1]?.toLowerCase();
  if (/^\p{L}{4,}ize$/u.test(first) && next !== undefined) {
    if (OBJECT_STARTS.has(next) || IZE_CLAUSE_STARTS.has(next)) return true;
  }
  if (!isVerbForm(first)) return false;
  const lower = first.toLowerCase();
  baseForms ??= new Set(BASE_FORMS);
  if (!baseForms.has(lower) || AUXILIARY.has(lower) || ALWAYS_VERBS.has(lower) || first === lower) return true;
  return next !== undefined && OBJECT_STARTS.has(next);
}
