// The --help texts: what each command does, its flags, and the decisions a user may trip over (limits, discovery rules).

const MAIN = `Usage: promptbound [check] [paths|globs...] [options]
       promptbound count [files...|-] [--model ID] [--json] [--raw]
       promptbound validate --prompt FILE [completions...|-] [--jsonl] [--format stylish|json]
       promptbound merge [--format FORMAT] shard-outputs...
       promptbound models [--json]
       promptbound init [--force]
       promptbound lsp --stdio

Lint prompt files: token budgets, context windows, declared output constraints.

Commands:
  check     lint prompt files (the default command)
  count     token counts per file, like wc
  validate  check completions against a prompt's constraints and output schema
  merge     combine the outputs of sharded runs (--shard i/n) into one report
  models    the model table (encodings, context windows, output limits)
  init      write a starter .promptbound.yaml in the current folder
  lsp       the language server over stdio, for any LSP editor (Neovim, Helix, Zed, Emacs)

Run 'promptbound <command> --help' for a command's options.
Exit codes: 0 clean, 1 errors (or warnings over --max-warnings), 2 usage, config or internal error.`;

const CHECK = `Usage: promptbound [check] [paths|globs...] [options]

Lints prompt files (default path: .).

Options:
  -f, --format FORMAT    stylish (default), json, sarif (SARIF 2.1.0), github (workflow annotations)
                         or junit (JUnit XML)
  -m, --model ID         use this model for every file, overriding the prompt's own
  -c, --config FILE      use this config file instead of searching for .promptbound.yaml;
                         its files/ignore globs are then relative to the current folder
      --max-warnings N   exit 1 when there are more than N warnings (-1: no limit)
  -q, --quiet            report errors only
      --no-samples       do not check sample completions (<stem>.samples/**, <stem>.sample.*,
                         or the prompt's 'samples' globs) against its constraints and schema
      --fix              apply safe fixes to the files, then lint them again
      --stats            per-file token statistics (tokens, model, budget use, output reserve,
                         context): a table in stylish output, 'stats' in json
  -o, --output FILE      write the report to FILE instead of standard output
      --shard I/N        lint only the I-th of N shares of the files (by a hash of each path), for
                         CI matrices; combine the shards' --format json outputs with 'merge'
      --cache            lint only files whose text, config or read files (schemas, samples)
                         changed since the last --cache run; results kept in .promptbound-cache
      --cache-location PATH  the cache file, or a directory to keep it in (implies --cache)
  -j, --jobs N           worker threads for large runs (default: the number of cores)
  -h, --help             show this help
  -v, --version          print the version

Which files are linted:
  - a named file is always linted (unless .gitignore or config 'ignore' excludes it), whatever its name;
  - a directory is searched recursively for *.prompt.md, *.prompt, *.prompty, *.prompt.yml,
    *.prompt.yaml and the config's 'files' globs;
  - a glob (quote it: 'prompts/**/*.txt') selects exactly the files it matches;
  - .gitignore files (the repository's and nested ones) and config 'ignore' patterns are honoured;
    .git and node_modules are never searched; symbolic links are followed once.
  Files larger than 10 MB, binary files and files that are not UTF-8 are reported as one-line
  errors ("skipped: larger than 10 MB") and not linted.

Colours: on when standard output is a terminal; NO_COLOR turns them off, FORCE_COLOR on.
Positions are 1-based line:column; columns count UTF-16 code units, as editors do.`;

const COUNT = `Usage: promptbound count [files...|-] [options]

Prints the tokens of each prompt as the model receives it: "tokens  model  path", plus a total
for more than one file. '≈' marks an estimate (an approximate model, or a very long unbroken run).
Template comments and frontmatter are not counted; chat overhead is reported separately in --json.
'-' reads a plain-text prompt from standard input. Directories and globs work as in 'check'.

Options:
  -m, --model ID         count with this model's tokenizer
  -c, --config FILE      use this config file instead of searching for .promptbound.yaml
      --raw              count each file's whole text as plain text (frontmatter included),
                         to compare with other tokenizers
      --json             one JSON object per file: {file, model, encoding, tokens, approximate,
                         overhead, messages, sections}
  -h, --help             show this help`;

const VALIDATE = `Usage: promptbound validate --prompt FILE [completions...|-] [options]

Checks completions against the prompt's declared constraints and output schema, as 'check' does
for its samples. Each completion file (.txt, .md, .json: the whole file; .jsonl: one completion per
line) is checked; '-' or no file reads one completion from standard input.

Options:
  -p, --prompt FILE      the prompt whose constraints and schema apply (required; its config is used)
      --jsonl            read every input as JSON Lines: each non-empty line a JSON string or an
                         object with a string "response", "completion" or "output"
  -f, --format FORMAT    stylish (default): a line per constraint, then a summary per constraint;
                         json: JSON Lines, one {index, completion, pass, results: [{key, pass,
                         measured, required, message}], schema: [{message, pointer, line, column}],
                         schemaChecked} per completion in input order, then {"summary": {...}}
  -m, --model ID         count tokens with this model (for 'tokens')
  -c, --config FILE      use this config file instead of searching for .promptbound.yaml
      --shard I/N        check only completions I, I+N, I+2N, … (1-based), for CI matrices;
                         combine the shards' --format json outputs with 'merge'
  -j, --jobs N           worker threads for long inputs (default: the number of cores)
  -o, --output FILE      write the report to FILE instead of standard output
  -h, --help             show this help

JSON Lines inputs are streamed: any size, constant memory, results in input order.

Exit codes: 0 every completion passes, 1 any fails, 2 usage error (no --prompt, an unreadable file,
a prompt that declares no constraints or schema).`;

const MERGE = `Usage: promptbound merge [options] shard-outputs...

Combines what sharded runs wrote ('check --shard i/n --format json', 'check ... --format sarif',
'validate --shard i/n --format json') into the report one unsharded run writes.

Options:
  -f, --format FORMAT    for check shards in JSON: json (default), stylish, sarif, github or junit;
                         for validate shards: json (default) or stylish; SARIF shards give SARIF
      --sarif-runs MODE  SARIF shards: merged (default: one run) or runs (one run per shard)
      --max-warnings N   exit 1 when there are more than N warnings
  -o, --output FILE      write the report to FILE instead of standard output
  -h, --help             show this help

Exit codes: 0 clean, 1 errors (or failing completions), 2 usage error.`;

const MODELS = `Usage: promptbound models [--json]

Prints the model table: id, provider, encoding, exact or approximate (≈) counting, context window,
default and maximum output tokens. --json prints the table as JSON.`;

const INIT = `Usage: promptbound init [--force]

Writes a starter .promptbound.yaml in the current folder. Refuses to overwrite an existing one
unless --force is given.`;

const LSP = `Usage: promptbound lsp --stdio

Runs the promptbound language server, speaking LSP over standard input and output: diagnostics for
prompt files and their samples, token counts, hovers, completion and quick fixes in any LSP editor.
Settings are read with workspace/configuration, section 'promptbound' (defaultModel, files, models,
rules, debounce, sectionCounts); a .promptbound.yaml wins over them. Positions are UTF-16.`;

const TOPICS: Record<string, string> = {
  check: CHECK,
  count: COUNT,
  validate: VALIDATE,
  merge: MERGE,
  models: MODELS,
  init: INIT,
  lsp: LSP,
};

export function helpText(topic?: string): string {
  return `${(topic && TOPICS[topic]) || (topic === undefined ? `${MAIN}\n\n${CHECK}` : MAIN)}\n`;
}
