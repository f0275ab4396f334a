"""Counts tokens with the real tiktoken (its Rust core), offline.

Reads a JSON array of strings on stdin, writes {"tiktoken": version, "<encoding>": [counts...]} on stdout.
TIKTOKEN_CACHE_DIR must hold the rank files (scripts/tiktoken-reference.ts writes them from js-tiktoken's
ranks under the cache keys tiktoken uses and checks OpenAI's published sha256 hashes); tiktoken checks the
hashes again itself. With --time, also reports CPU seconds per text (median of rounds after a warm-up).
"""
import json
import sys
import time

import tiktoken


def main() -> None:
    texts = json.load(sys.stdin)
    rounds = int(sys.argv[sys.argv.index("--time") + 1]) if "--time" in sys.argv else 0
    out = {"tiktoken": tiktoken.__version__}
    for name in ("o200k_base", "cl100k_base"):
        encoding = tiktoken.get_encoding(name)
        out[name] = [len(encoding.encode_ordinary(text)) for text in texts]
        if rounds:
            seconds = []
            for text in texts:
                encoding.encode_ordinary(text)  # warm-up
                times = []
                for _ in range(rounds):
                    start = time.process_time()
                    encoding.encode_ordinary(text)
                    times.append(time.process_time() - start)
                seconds.append(sorted(times)[len(times) // 2])
            out[name + ":seconds"] = seconds
    json.dump(out, sys.stdout)


main()
