"""The reference answers behind our NLP-based constraint keys, for scripts/nlp-compare.ts.

    NLTK_DATA=<dir with punkt, averaged_perceptron_tagger> python3 scripts/nlp-reference.py < texts.jsonl > ref.jsonl

Each input line is {"text": ...}; each output line adds NLTK's sent_tokenize and word_tokenize of it, the
perceptron tagger's tag for the first token, syllapy's count for each word as IFBench's
`words:odd_even_syllables` splits them, and the characters the emoji package calls emoji. syllapy and emoji
are optional (their fields are null when not installed). Nothing of NLTK's data goes into this repository.
"""
import json
import string
import sys

import nltk

try:
    import syllapy
except ImportError:
    syllapy = None
try:
    import emoji
except ImportError:
    emoji = None

for line in sys.stdin:
    if not line.strip():
        continue
    text = json.loads(line)["text"]
    words = nltk.word_tokenize(text)
    plain = text.translate(str.maketrans("", "", string.punctuation)).lower().split()
    print(json.dumps({
        "text": text,
        "sents": nltk.sent_tokenize(text),
        "words": words,
        "tag0": nltk.pos_tag(words)[0][1] if words else None,
        "syllables": [[w, syllapy.count(w)] for w in plain] if syllapy else None,
        "emoji": sorted({c for c in text if emoji.is_emoji(c)}) if emoji else None,
    }, ensure_ascii=False))
