// The --help texts: what each command does, its flags, and the decisions a user may trip over (limits, discovery rules).

const MAIN = `Usage: promptbound [check] [paths|globs...] [options]
       promptbound count [files...|-] [--model ID] [--json] [--raw]
       promptbound models [--json]
       promptbound init [--force]

Lint prompt files: token budgets, context windows, declared output constraints.

Commands:
  check     lint prompt files (the default command)
  count     token counts per file, like wc
  models    the model table (encodings, context windows, output limits)
  init      write a starter .promptbound.yaml in the current folder

Run 'promptbound <command> --help' for a command's options.
Exit codes: 0 clean, 1 errors (or warnings over --max-warnings), 2 usage, config or internal error.`;

const CHECK = `Usage: promptbound [check] [paths|globs...] [options]

Lints prompt files (default path: .).

Options:
  -f, --format FORMAT    stylish (default), json, sarif (SARIF 2.1.0) or github (workflow annotations)
  -m, --model ID         use this model for every file, overriding the prompt's own
  -c, --config FILE      use this config file instead of searching for .promptbound.yaml;
                         its files/ignore globs are then relative to the current folder
      --max-warnings N   exit 1 when there are more than N warnings (-1: no limit)
  -q, --quiet            report errors only
      --fix              apply safe fixes to the files, then lint them again
      --stats            per-file token statistics (tokens, model, budget use, output reserve,
                         context): a table in stylish output, 'stats' in json
  -o, --output FILE      write the report to FILE instead of standard output
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

const MODELS = `Usage: promptbound models [--json]

Prints the model table: id, provider, encoding, exact or approximate (≈) counting, context window,
default and maximum output tokens. --json prints the table as JSON.`;

const INIT = `Usage: promptbound init [--force]

Writes a starter .promptbound.yaml in the current folder. Refuses to overwrite an existing one
unless --force is given.`;

const TOPICS: Record<string, string> = { check: CHECK, count: COUNT, models: MODELS, init: INIT };

export function helpText(topic?: string): string {
  return `${(topic && TOPICS[topic]) || (topic === undefined ? `${MAIN}\n\n${CHECK}` : MAIN)}\n`;
}
