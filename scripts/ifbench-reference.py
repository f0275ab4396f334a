"""IFBench's reference checker on given cases, for checking our `compat: ifbench` definitions.

    python3 scripts/ifbench-reference.py <IFBench checkout> < cases.jsonl > verdicts.jsonl

Each input line is {"id": instruction id, "kwargs": {...}, "response": text, "prompt": optional}; each output
line adds "strict" and "loose" (the reference verdicts, IFBench's evaluation_lib loose variants included, or
null when it cannot run here) and "error". Modules this
machine lacks (absl, immutabledict, langdetect, emoji, syllapy, spacy, nltk's downloadable data) are
stubbed: absl.logging and immutabledict by their standard-library equivalents; the others raise, so a
type that needs them reports an error instead of a verdict. Without Punkt's data, `split_into_sentences`
still answers for text with no `.`, `?` or `!` (Punkt's only sentence ends), where every Punkt model returns
the text as one sentence: it runs NLTK's untrained Punkt tokenizer there and raises otherwise.
"""
import json
import logging
import sys
import types


def stub(name, **attrs):
    try:
        __import__(name)
    except ImportError:
        module = types.ModuleType(name)
        module.__dict__.update(attrs)
        sys.modules[name] = module


def unavailable(what):
    def fail(*_args, **_kwargs):
        raise RuntimeError(f"{what} is not installed here")
    return fail


stub("absl", logging=logging)
sys.modules.setdefault("absl.logging", logging)
stub("immutabledict", immutabledict=dict)
stub("langdetect", detect=unavailable("langdetect"))
stub("emoji", is_emoji=unavailable("emoji"))
stub("syllapy", count=unavailable("syllapy"))
stub("spacy", load=unavailable("spacy"))
import nltk  # noqa: E402

nltk.download = lambda *_a, **_k: False

sys.path.insert(0, sys.argv[1])
from ifbench import instructions_registry, instructions_util  # noqa: E402

_split_into_sentences = instructions_util.split_into_sentences


def split_without_punkt_data(text):
    try:
        return _split_into_sentences(text)
    except LookupError:
        if any(end in text for end in ".?!"):
            raise
        return nltk.tokenize.punkt.PunktSentenceTokenizer().tokenize(text)


instructions_util.split_into_sentences = split_without_punkt_data


def loose_variants(response):
    """evaluation_lib.test_instruction_following_loose's responses, in its order."""
    r = response.split("\n")
    first = "\n".join(r[1:]).strip()
    last = "\n".join(r[:-1]).strip()
    both = "\n".join(r[1:-1]).strip()
    variants = [response, response.replace("*", ""), first, last, both]
    return variants + [first.replace("*", ""), last.replace("*", ""), both.replace("*", "")]

for line in sys.stdin:
    if not line.strip():
        continue
    case = json.loads(line)
    out = dict(case)
    try:
        checker = instructions_registry.INSTRUCTION_DICT[case["id"]](case["id"])
        checker.build_description(**{k: v for k, v in (case.get("kwargs") or {}).items() if v is not None})
        args = checker.get_instruction_args()
        if args and "prompt" in args:
            checker.build_description(prompt=case.get("prompt", ""))
        response = case["response"]
        out["strict"] = bool(response and response.strip() and checker.check_following(response))
        out["loose"] = any(r.strip() and checker.check_following(r) for r in loose_variants(response))
        out["error"] = None
    except Exception as error:  # noqa: BLE001 - any failure of the reference is reported, not fatal
        out["strict"] = None
        out["loose"] = None
        out["error"] = f"{type(error).__name__}: {error}"
    print(json.dumps(out, ensure_ascii=False))
