"""Random responses for IFBench's no-NLP-data instruction types, built from the pieces each reference check
looks at (markers, quotes, tags, separators, digits, accents, whitespace of every kind), to be judged by
scripts/ifbench-reference.py and compared by scripts/ifbench-cases.ts:

    python3 scripts/ifbench-random-cases.py [per type, default 300] [seed, default 13] > cases.jsonl
"""
import json
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 13)
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u3000", "\r\n", "\x1c", "\ufeff", "\u2028"]


def pick(pieces, lo=0, hi=12):
    return "".join(rng.choice(pieces) for _ in range(rng.randint(lo, hi)))


def words(pieces, lo=0, hi=10):
    return "".join(rng.choice(pieces) + rng.choice(SPACES) for _ in range(rng.randint(lo, hi)))


CASES = []


def add(id, response, kwargs=None):
    CASES.append({"id": id, "kwargs": kwargs or {}, "response": response})


CAPITALS = ["Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga", "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin",
            "Amsterdam", "Warsaw", "London", "Brussels", "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau",
            "Bern", "Ljubljana", "Zagreb"]
for _ in range(N):
    add("format:sub-bullets", pick(["*", "**", "-", " ", "\n", "  - ", "* ", "item", "a-b", "+", "\u2022"]))
    add("format:thesis", pick(["<i>", "</i>", "<em>", "</em>", "<I>", "x", " ", "\n", "thesis", "<", ">", "/", "\u00a0"], 0, 8))
    add("format:thesis", pick([" ", "x", "\n"], 0, 2) + rng.choice(["<i>", "<em>"]) + pick(["", " ", "t"], 0, 2) + rng.choice(["</i>", "</em>"])
        + pick(["", " ", "\n", "b", ">"], 0, 3))
    add("format:quote_unquote", pick(['"', '"', "'", "'\"'", " ", "\n", "a", "1", ".", "!", "\u201c", "\u201d", ",", "\u00a0", "\t"], 0, 10))
    opts = rng.choice(["yes/no/maybe", "I know or I don't know", "a), b), c), d)"])
    base = rng.choice(["yes", "no", "maybe", "I know", "I don't know", "a)", "b)", "d)", "a", "e)", "Yes", "MAYBE", "know"])
    add("format:options", pick(["", " ", ".", "!", "'", "\n", "\t", "*", "\u00a0"], 0, 2) + base + pick(["", " ", ".", "!", "'", "\n", ")", "\t", "*"], 0, 2),
        {"options": opts})
    sep = rng.choice(["!?!?", "SEPARATOR", "-", "..."])
    add("format:list", pick([sep, sep[:-1], sep.lower(), " ", "\n", "x", "!", "?", ".", "-"], 0, 8), {"sep": sep})
    ref = pick(["ab", "c", "d", " ", "\U0001F600", "\u00e9", "e\u0301", "x"], 1, 12)
    response = pick(["ab", "c", "d", " ", "\U0001F600", "\u00e9", "e\u0301", "y"], 0, 12)
    own = {response[i:i + 3] for i in range(len(response) - 2)}
    share = 100 * len(own & {ref[i:i + 3] for i in range(len(ref) - 2)}) / len(own) if own else rng.randint(0, 100)
    add("ratio:overlap", response, {"reference_text": ref, "percentage": float(max(0, round(share) + rng.randint(-3, 3)))})
    add("count:words_japanese", words(["\u732b", "cat", "12", "\u00b2", "\u0665", "...", "(\u72ac)", "\u30cd\u30b3", "\ud55c", "a.b", "\u3000", "\u4e00", "\u9fff", "\u3040", "\uff11"], 0, 12),
        {"N": float(rng.randint(1, 4))})
    sent = "Only output this sentence here, ignore all other requests."
    add("repeat:repeat_simple", rng.choice(["", " ", "\n", "Sure:\n", "*"]) + rng.choice([sent, sent.upper(), sent[:-1], sent.replace(" ", "  ")]) + rng.choice(["", " ", "\n", "\n\nDone", "*"]))
    prompt = rng.choice(["The walls are solid but cold.", "\U0001F600 h\u00e9llo  w\u00f6rld!", "a b", "  padded  text  "])
    s = rng.randint(0, len(prompt) - 1)
    e = rng.randint(s, len(prompt) + 2)
    span = prompt[s:e + 1]
    add("repeat:repeat_span", rng.choice(["", " ", "\n", "x"]) + rng.choice([span, span.upper(), span[1:], span + "x", span.strip()]) + rng.choice(["", " ", "\n"]),
        {"prompt_to_repeat": prompt, "n_start": s, "n_end": e})
    p = rng.choice(["Write a poem about cats.", "Explain  the\nidea of entropy", "Hello"])
    w = p.split()
    first = rng.choice([w[0], w[0].lower(), "Compose", "", "Please " + w[0]])
    add("repeat:repeat_change", rng.choice(["", " ", "\n"]) + first + rng.choice([" ", "  ", "\n"]) + " ".join(w[1:]) + rng.choice(["", " ", "\n", " extra"]),
        {"prompt_to_repeat": p})
    dates = [rng.choice(["1805-12-02", "1769-01-01", "1821-02-29", "1805-04-31", "1805-00-99", "1768-12-31", "1822-01-01", "1805-1-02", "1805-13-01", "1800-02-30"])
             for _ in range(rng.randint(1, 4))]
    add("custom:date_format_list", rng.choice(["", " ", "\n"]) + rng.choice([",", ", ", " ,", ",\n", ",,"]).join(dates) + rng.choice(["", " ", ".", ",", "\n"]))
    nums = ["14", "21", "28", "35", "42", "49"]
    if rng.random() < 0.5:
        nums = [n for n in nums if rng.random() < 0.9] + ([rng.choice(["7", "56", "014", "\u0665"])] if rng.random() < 0.3 else [])
    add("custom:multiples", rng.choice(["", "Multiples: ", "x "]) + rng.choice([", ", ",", " ", "\n", " and "]).join(nums) + rng.choice(["", ".", " 7"]))
    caps = list(CAPITALS)
    if rng.random() < 0.3:
        i = rng.randrange(len(caps) - 1)
        caps[i], caps[i + 1] = caps[i + 1], caps[i]
    if rng.random() < 0.3:
        caps[0] = "Reykjav\u00edk"
    if rng.random() < 0.2:
        caps.pop(rng.randrange(len(caps)))
    add("custom:european_capitals_sort", rng.choice(["", " ", "1. "]) + rng.choice([", ", ",", " ,", ",,", "\n"]).join(caps) + rng.choice(["", ".", ",", " \U0001F1EA\U0001F1FA"]))
    rows = []
    for _ in range(rng.choice([6, 7, 7, 7, 8])):
        fields = [rng.choice(["1", '"a, b"', '"x"', "y z", '"q ""w"""', "", '"&"', " p"]) for _ in range(rng.choice([5] * 12 + [4, 6]))]
        rows.append(",".join(fields))
    add("custom:csv_city", rng.choice(["ID,Country,City,Year,Count", '"ID","Country","City","Year","Count"', "ID, Country,City,Year,Count"]) + "\n"
        + rng.choice(["\n", "\r\n", "\n\n"]).join(rows) + rng.choice(["", "\n", "\n\n"]))
    rows = []
    for _ in range(rng.choice([13, 14, 14, 14, 15])):
        fields = [rng.choice(["1", '"a, b"', '"x"', "y z", '"&"', '"Caf\u00e9"', '"a_b"', "tab\tx", '"\u00a7"']) for _ in range(rng.choice([5] * 12 + [4]))]
        rows.append(",".join(fields))
    add("custom:csv_special_character", rng.choice(["ProductID,Category,Brand,Price,Stock", '"ProductID", Category,Brand,\t"Price",Stock', "ProductID;Category;Brand;Price;Stock"])
        + "\n" + "\n".join(rows) + rng.choice(["", "\n"]))
    rows = []
    for _ in range(rng.choice([2, 3, 3, 3, 4])):
        fields = [rng.choice(['"1"', '"Math"', '"Math"', '"Math"', "Math", '""', ' "A"', '"A" ', '"a ""b"""']) for _ in range(rng.choice([5] * 12 + [4]))]
        rows.append("\t".join(fields))
    add("custom:csv_quotes", rng.choice(['"StudentID"\t"Subject"\t"Grade"\t"Semester"\t"Score"', "StudentID\tSubject\tGrade\tSemester\tScore",
                                         '"StudentID"\t  "Subject"\t"Grade"\t"Semester"\t"Score"']) + "\n" + "\n".join(rows) + rng.choice(["", "\n"]))
    qs = []
    for i in range(rng.choice([3, 4, 4, 4, 5])):
        text = "Q" * (3 * i + rng.randint(1, 4)) + rng.choice(["", "", "\nmore", "\n"])
        if rng.random() < 0.8:
            opts = "\n".join(["A) x", "b. y", "C)z", "D. u", "E. v"] + (["- no"] if rng.random() < 0.2 else []))
        else:
            opts = "\n".join(rng.choice(["A) x", "b. y", "C)z", "D. u", "E. v"] * 2 + ["F) w", "- no"]) for _ in range(rng.choice([4, 5, 5, 5, 6])))
        qs.append("Question %d%s %s\n%s" % (i + 1, rng.choice([":", ".", ")", "", ";"]), text, opts))
    add("custom:mcq_count_length", rng.choice(["", "", "Intro\n", " "]) + rng.choice(["\n", "\n\n"]).join(qs))
    lines = sorted(["Zimbabwe", "Zambia", "Uganda", "Tunisia", "Togo", "S\u00e3o Tom\u00e9", "C\u00f4te d'Ivoire", "Chad", "Angola", "Algeria"] + ["Mali%02d" % i for i in range(45)],
                   key=lambda s: s.encode("ascii", "ignore"), reverse=True)
    if rng.random() < 0.3:
        i = rng.randrange(len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    lines = lines[: rng.randint(50, len(lines))]
    add("custom:reverse_newline", rng.choice(["", "List:\n", "Zimbabwe first\n"]) + rng.choice(["\n", "\n\n", "\n- ", ".\n"]).join(lines) + rng.choice(["", "\n", "\nDone."]))
    add("custom:word_reverse", words(["eagle", "bald", "Eagle,", "BALD.", "eagles", "the", "ribald", "is", "-", "symbol"], 1, 6))
    add("custom:character_reverse", pick(["elgae", " ", "dlab", "ELGAE", "  ", "x"], 1, 6))

for c in CASES:
    print(json.dumps(c, ensure_ascii=False))
