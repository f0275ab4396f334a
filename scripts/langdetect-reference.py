# The reference's answers for a list of texts: runs Python `langdetect.detect` with seeds 0..N-1 and
# writes, for each text, how many runs named each language (null: langdetect raised).
#
#   python3 scripts/langdetect-reference.py texts.json 5 votes.json
#
# texts.json is a JSON array of strings. Compare with the port: scripts/langdetect-compare.ts.
import json
import sys

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

texts = json.load(open(sys.argv[1], encoding='utf-8'))
runs = int(sys.argv[2])
votes = []
for text in texts:
    tally = {}
    for seed in range(runs):
        DetectorFactory.seed = seed
        try:
            lang = detect(text)
        except LangDetectException:
            lang = None
        tally[str(lang) if lang else 'null'] = tally.get(str(lang) if lang else 'null', 0) + 1
    votes.append(tally)
json.dump(votes, open(sys.argv[3], 'w'))
