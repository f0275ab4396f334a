// The langdetect port against the Python reference (langdetect 1.0.9, Debian's python3-langdetect): every
// expected language below is what `langdetect.detect` answered for the text in 20 runs out of 20 (seeds
// 0-19), one sentence for each of IFEval's 30 response languages plus short and upper-case English.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, detectLanguages, LANGUAGE_CODES, profileLanguages } from '../../core/constraints/langdetect/detector';
import { checkCompletion } from '../../core/constraints/check';
import { context } from './helpers';

const REFERENCE: [string, string][] = [
  ['en', 'The weather was pleasant today, so we walked along the river and talked about our plans for the summer holidays.'],
  ['en', 'PLEASE SEND THE REPORT BEFORE FRIDAY SO THAT THE TEAM CAN REVIEW IT.'],
  [
    'es',
    'El tiempo fue agradable hoy, así que caminamos junto al río y hablamos de nuestros planes para las vacaciones de verano.',
  ],
  [
    'pt',
    'O tempo estava agradável hoje, então caminhamos ao longo do rio e conversamos sobre nossos planos para as férias de verão.',
  ],
  ['ar', 'كان الطقس لطيفا اليوم، لذلك مشينا على طول النهر وتحدثنا عن خططنا لعطلة الصيف.'],
  ['hi', 'आज मौसम सुहावना था, इसलिए हम नदी के किनारे टहले और गर्मी की छुट्टियों की अपनी योजनाओं के बारे में बात की।'],
  [
    'fr',
    "Il faisait beau aujourd'hui, alors nous avons marché le long de la rivière et parlé de nos projets pour les vacances d'été.",
  ],
  ['ru', 'Сегодня была приятная погода, поэтому мы гуляли вдоль реки и говорили о наших планах на летние каникулы.'],
  ['de', 'Das Wetter war heute angenehm, also gingen wir am Fluss entlang und sprachen über unsere Pläne für die Sommerferien.'],
  ['ja', '今日は天気が良かったので、私たちは川沿いを散歩して、夏休みの計画について話しました。'],
  [
    'it',
    'Oggi il tempo era piacevole, così abbiamo camminato lungo il fiume e parlato dei nostri progetti per le vacanze estive.',
  ],
  ['bn', 'আজ আবহাওয়া মনোরম ছিল, তাই আমরা নদীর ধারে হাঁটলাম এবং গ্রীষ্মের ছুটির পরিকল্পনা নিয়ে কথা বললাম।'],
  ['uk', 'Сьогодні була приємна погода, тому ми гуляли вздовж річки і говорили про наші плани на літні канікули.'],
  ['th', 'วันนี้อากาศดี เราจึงเดินเล่นริมแม่น้ำและคุยกันเรื่องแผนการสำหรับวันหยุดฤดูร้อน'],
  ['ur', 'آج موسم خوشگوار تھا، اس لیے ہم دریا کے کنارے چلے اور گرمیوں کی چھٹیوں کے منصوبوں کے بارے میں بات کی۔'],
  ['ta', 'இன்று வானிலை இனிமையாக இருந்தது, எனவே நாங்கள் ஆற்றங்கரையில் நடந்து கோடை விடுமுறைக்கான திட்டங்களைப் பற்றி பேசினோம்.'],
  ['te', 'ఈ రోజు వాతావరణం ఆహ్లాదకరంగా ఉంది, కాబట్టి మేము నది ఒడ్డున నడిచి వేసవి సెలవుల ప్రణాళికల గురించి మాట్లాడుకున్నాము.'],
  ['bg', 'Днес времето беше приятно, затова се разходихме покрай реката и говорихме за плановете си за лятната ваканция.'],
  ['ko', '오늘은 날씨가 좋아서 우리는 강을 따라 걸으며 여름 휴가 계획에 대해 이야기했습니다.'],
  ['pl', 'Dzisiaj pogoda była przyjemna, więc spacerowaliśmy wzdłuż rzeki i rozmawialiśmy o naszych planach na wakacje.'],
  ['he', 'היום מזג האוויר היה נעים, אז הלכנו לאורך הנהר ודיברנו על התוכניות שלנו לחופשת הקיץ.'],
  ['fa', 'امروز هوا خوب بود، بنابراین در کنار رودخانه قدم زدیم و درباره برنامه‌های تعطیلات تابستانی صحبت کردیم.'],
  ['vi', 'Hôm nay thời tiết dễ chịu, vì vậy chúng tôi đi dạo dọc bờ sông và nói về kế hoạch cho kỳ nghỉ hè.'],
  ['ne', 'आज मौसम रमाइलो थियो, त्यसैले हामी नदीको किनारमा हिँड्यौं र गर्मी बिदाको योजनाको बारेमा कुरा गर्यौं।'],
  [
    'sw',
    'Leo hali ya hewa ilikuwa nzuri, kwa hivyo tulitembea kando ya mto na kuzungumza kuhusu mipango yetu ya likizo ya kiangazi.',
  ],
  ['kn', 'ಇಂದು ಹವಾಮಾನ ಆಹ್ಲಾದಕರವಾಗಿತ್ತು, ಆದ್ದರಿಂದ ನಾವು ನದಿಯ ದಡದಲ್ಲಿ ನಡೆದು ಬೇಸಿಗೆ ರಜೆಯ ಯೋಜನೆಗಳ ಬಗ್ಗೆ ಮಾತನಾಡಿದೆವು.'],
  ['mr', 'आज हवामान आल्हाददायक होते, म्हणून आम्ही नदीकाठी फिरलो आणि उन्हाळ्याच्या सुट्टीच्या योजनांबद्दल बोललो.'],
  ['gu', 'આજે હવામાન સુખદ હતું, તેથી અમે નદી કિનારે ચાલ્યા અને ઉનાળાની રજાઓની યોજનાઓ વિશે વાત કરી.'],
  ['pa', 'ਅੱਜ ਮੌਸਮ ਸੁਹਾਵਣਾ ਸੀ, ਇਸ ਲਈ ਅਸੀਂ ਨਦੀ ਦੇ ਕਿਨਾਰੇ ਤੁਰੇ ਅਤੇ ਗਰਮੀਆਂ ਦੀਆਂ ਛੁੱਟੀਆਂ ਦੀਆਂ ਯੋਜਨਾਵਾਂ ਬਾਰੇ ਗੱਲ ਕੀਤੀ।'],
  ['ml', 'ഇന്ന് കാലാവസ്ഥ സുഖകരമായിരുന്നു, അതിനാൽ ഞങ്ങൾ നദീതീരത്തുകൂടി നടന്ന് വേനൽക്കാല അവധിക്കാല പദ്ധതികളെക്കുറിച്ച് സംസാരിച്ചു.'],
  ['fi', 'Tänään sää oli miellyttävä, joten kävelimme joen vartta ja puhuimme kesäloman suunnitelmistamme.'],
  ['fr', 'Yes.'],
  ['en', 'OK THANKS'],
  ['en', 'hello there, how are you doing today?'],
];

describe('langdetect port', () => {
  it("answers what the reference answers, in each of IFEval's languages", () => {
    for (const [lang, text] of REFERENCE) assert.equal(detectLanguage(text), lang, text);
  });
  it("has the reference's 55 profiles, Marathi, Nepali, Swahili, Punjabi and Malayalam among them", () => {
    const langs = profileLanguages();
    assert.equal(langs.length, 55);
    for (const lang of ['mr', 'ne', 'sw', 'pa', 'ml', 'zh-cn', 'zh-tw']) assert.ok(langs.includes(lang), lang);
    // The codes `language` accepts without decoding the profiles are exactly theirs (zh for both Chinese).
    assert.deepEqual([...LANGUAGE_CODES].sort(), [...new Set(langs.map((l) => l.slice(0, 2)))].sort());
  });
  it('a language the profiles do not cover cannot be declared (it could never pass)', () => {
    const { invalid } = checkCompletion('Salve, munde.', { language: 'la' }, context());
    assert.match(invalid[0]!.message, /"la" cannot be identified/);
  });
  it('text with nothing to detect is undefined (the reference raises), probabilities sum to at most 1', () => {
    assert.equal(detectLanguage('12345 !!! ...'), undefined);
    assert.equal(detectLanguage(''), undefined);
    const probs = detectLanguages(REFERENCE[0]![1]);
    assert.ok(probs.length >= 1 && probs.reduce((s, p) => s + p.prob, 0) <= 1.000001);
  });
  it('is deterministic: the same text gets the same answer every time', () => {
    const text = '{"Nickname": "Staffy"}';
    const first = detectLanguages(text);
    for (let i = 0; i < 3; i++) assert.deepEqual(detectLanguages(text), first);
  });
  it('decides language under compat: ifeval; nothing to detect passes, as IFEval counts the exception as followed', () => {
    const mr = REFERENCE.find(([l]) => l === 'mr')![1];
    assert.equal(checkCompletion(mr, { compat: 'ifeval', language: 'mr' }, context()).results[0]!.pass, true);
    assert.equal(checkCompletion(mr, { compat: 'ifeval', language: 'hi' }, context()).results[0]!.pass, false);
    assert.equal(checkCompletion('42', { compat: 'ifeval', language: 'de' }, context()).results[0]!.pass, true);
  });
});
