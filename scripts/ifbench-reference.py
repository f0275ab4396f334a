"""IFBench's reference checker on given cases, for checking our `compat: ifbench` definitions.

    python3 scripts/ifbench-reference.py <IFBench checkout> < cases.jsonl > verdicts.jsonl

Each input line is {"id": instruction id, "kwargs": {...}, "response": text, "prompt": optional}; each output
line adds "strict" (the reference verdict, or null when it cannot run here) and "error". Modules this
machine lacks (absl, immutabledict, langdetect, emoji, syllapy, spacy, nltk's downloadable data) are
stubbed: absl.logging and immutabledict by their standard-library equivalents; the others raise, so a
type that needs them reports an error instead of a verdict.
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
from ifbench import instructions_registry  # noqa: E402

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
        out["error"] = None
    except Exception as error:  # noqa: BLE001 - any failure of the reference is reported, not fatal
        out["strict"] = None
        out["error"] = f"{type(error).__name__}: {error}"
    print(json.dumps(out, ensure_ascii=False))
