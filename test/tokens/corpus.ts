// Text fixtures for the token tests and benchmark: a mixed exactness corpus and seeded generators.

/** Small, deterministic PRNG (mulberry32) so generated documents are reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Every kind of text the counters must count exactly, one sample per entry. */
export const EXACTNESS_CORPUS: Record<string, string> = {
  prose:
    "The model counts every token in the prompt file. It doesn't guess, won't round down, and we'll see why it's shown with ≈ when it can't be exact.",
  markdown: '# Title\n\n- item one\n- item **two**\n\n> quoted `code` and [a link](https://example.com/a/b?c=1&d=2#frag)\n',
  code: 'export function add(a: number, b: number): number {\n\treturn a + b; // sum\n}\n\nconst xs = [1, 22, 333, 4444, 55555].map((x) => x ** 2);\n',
  python: 'def f(x):\n    if x is None:\n        return {"a": 1, \'b\': [2, 3]}\n    return x  # done\n',
  json: '{"model":"gpt-4o","max_tokens":1024,"messages":[{"role":"user","content":"hi"}]}',
  url: 'https://api.example.com/v1/chat/completions?stream=true&user_id=12345678&token=abcDEF123_-xyz',
  base64Wrapped:
    'TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsuIFRoZSBxdWljayBicm93biBmb3gganVtcHMgb3ZlciB0\naGUgbGF6eSBkb2cuIDEyMzQ1Njc4OTAhQCMkJV4mKigpXy0rPXt9W118OzonIiwuPD4vP2B+\n',
  chinese: '在这个项目中，我们把提示文件当作代码来对待。模型的上下文窗口是有限的，所以需要准确地计算令牌数量。',
  japanese: 'このプロジェクトでは、プロンプトファイルをコードとして扱います。カタカナとひらがなと漢字。',
  korean: '이 프로젝트에서는 프롬프트 파일을 코드처럼 다룹니다.',
  thai: 'สวัสดีครับ วันนี้อากาศดีมาก',
  arabic: 'هذا المشروع يتعامل مع ملفات التعليمات كأنها شيفرة برمجية.',
  hindi: 'यह परियोजना प्रॉम्प्ट फ़ाइलों को कोड की तरह मानती है।',
  cyrillicGreek: 'Привет, мир! Καλημέρα κόσμε. Ünïcödé café naïve résumé',
  emoji: 'Great 👍🏽! Family 👨‍👩‍👧‍👦, flags 🇯🇵🇫🇷, 🏳️‍🌈 and keycap 1️⃣ 🎉🎉🎉',
  astral: 'a𐐀b 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱𠝹',
  crlf: 'line one\r\nline two\r\n\r\n  indented\r\n\ttab\r\n',
  whitespace: '   leading\n\n\n   \n\t\t\nend   \n',
  objectPrototype:
    'hasOwnProperty isPrototypeOf propertyIsEnumerable constructor __proto__ toString valueOf toLocaleString __defineGetter__ prototype',
  objectPrototypeGlued: 'x.hasOwnProperty(y)||constructor.__proto__.isPrototypeOf(z)&&propertyIsEnumerable',
  contractions: "I'm you're they've she'll he'd it's DON'T WE'LL You'Re",
  specialTokens:
    'Before <|endoftext|> middle <|im_start|>user\nhi<|im_end|> <|fim_prefix|>a<|fim_middle|>b<|fim_suffix|> <|endofprompt|>',
  loneSurrogates: 'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800, end \ud83d',
  combining: 'e\u0301 a\u0308\u0308\u0308 Z\u0351\u0352\u0353\u0354 \u0915\u094d\u0937',
  controls: 'nul\u0000bell\u0007esc\u001b[31mred\u001b[0m\u00a0nbsp\u2028ls\u2029ps\ufeffbom',
  /** Repeated pairs where merging the leftmost of equal-rank pairs first changes the count (ties matter). */
  tieBreaking: 'bababababa\nninininini\nbababababababa\nnininininininini\n',
  numbers: '3.14159 1,000,000 -42 0x1F 1e10 ١٢٣ ๑๒๓ ½ Ⅻ',
};

const WORDS = (
  'the of and to in is that for it as with was on be by this are from or at an but not have which one ' +
  'model token prompt budget context window output counter encoding file rule editor server language ' +
  'approximately exactly quickly although however therefore meanwhile documentation configuration ' +
  "don't it's we'll they've Anthropic OpenAI JavaScript TypeScript README JSON API URL v2 2024 42 3.5"
).split(' ');
const PUNCTUATION = ['.', '.', '.', ',', ';', ':', '?', '!', ' —', '...'];

/** English-like prose of about `size` UTF-16 units: varied sentences, paragraphs, some numbers and names. */
export function generateProse(size: number, seed = 1): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const words = Array.from({ length: 6 + Math.floor(random() * 18) }, () => pick(random, WORDS));
    const first = words[0] as string;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    const sentence = words.join(' ') + pick(random, PUNCTUATION) + (random() < 0.15 ? '\n\n' : ' ');
    parts.push(sentence);
    length += sentence.length;
  }
  return parts.join('').slice(0, size);
}

const HAN =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴急';
const KANA =
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソタチツテトナニヌネノ';
const HANGUL = '가나다라마바사아자차카타파하이프로젝트에서는롬트파일을코드처럼다룹니';
const CJK_PUNCTUATION = ['，', '。', '、', '！', '？', '：', '「', '」', '（', '）'];
const EMOJI = ['😀', '👍🏽', '🎉', '👨‍👩‍👧‍👦', '🇯🇵', '🏳️‍🌈', '❤️', '🚀', '✅', '🤖'];

/** CJK text (Han, kana, Hangul) with CJK punctuation every few characters and emoji sprinkled in. */
export function generateCjk(size: number, seed = 2): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const script = random() < 0.6 ? HAN : random() < 0.5 ? KANA : HANGUL;
    let run = '';
    for (let i = 4 + Math.floor(random() * 16); i > 0; i--) run += script.charAt(Math.floor(random() * script.length));
    const extra = random() < 0.2 ? pick(random, EMOJI) : '';
    const text = run + extra + pick(random, CJK_PUNCTUATION) + (random() < 0.05 ? '\n\n' : '');
    parts.push(text);
    length += text.length;
  }
  return parts.join('').slice(0, size);
}
