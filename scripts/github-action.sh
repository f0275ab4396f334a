#!/usr/bin/env bash
# The script of action.yml (the GitHub Action): runs `promptbound check` from the action's own checkout — never a package
# fetched by name — writing SARIF to INPUT_SARIF_FILE and, with INPUT_ANNOTATIONS=true, printing workflow annotations.
# Outputs go to GITHUB_OUTPUT; the step fails with check's exit code (1 on errors), after the SARIF file is written,
# so an `if: always()` upload step still uploads it. test/cli/github-action.test.ts runs this script locally.
set -uo pipefail
action="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set (run from action.yml)}"
cd "${GITHUB_WORKSPACE:-$PWD}" || exit 2

if [[ ! -f "$action/dist/cli.js" ]]; then
  # Not a release tag (those carry dist/): install the pinned devDependencies and build (the prepare script).
  echo "promptbound: building the CLI from $action (npm ci)"
  npm ci --prefix "$action" --no-audit --no-fund >&2 || { echo "::error::promptbound: npm ci failed in $action"; exit 2; }
fi

read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
sarif="${INPUT_SARIF_FILE:-promptbound.sarif}"
promptbound=(node "$action/bin/promptbound.js" check "${paths[@]}" "${extra[@]}")

"${promptbound[@]}" --format sarif -o "$sarif"
code=$?
if [[ $code -ge 2 ]]; then
  echo "::error::promptbound check failed with exit code $code (usage, config or internal error); see the log above"
elif [[ "${INPUT_ANNOTATIONS:-true}" == "true" ]]; then
  "${promptbound[@]}" --format github
fi
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  { echo "sarif-file=$sarif"; echo "exit-code=$code"; } >> "$GITHUB_OUTPUT"
fi
exit "$code"
