#!/usr/bin/env bash
# Backticks in messages are Markdown, not command substitution.
# shellcheck disable=SC2016
#
# The shell steps of obligo's GitHub Action (action.yml), one subcommand per step:
#
#   action-run.sh cache-key   key for the build cache            -> outputs key, restore-key
#   action-run.sh build       cargo build --release --locked     -> output binary
#   action-run.sh check       obligo check, reports and counts   -> outputs below; never fails
#   action-run.sh gate        fails the job when the check did
#
# Every input arrives through an environment variable (OBLIGO_*), never spliced into the script
# by the workflow, so a path or argument cannot inject shell code. Lists (OBLIGO_PATHS,
# OBLIGO_ARGS) are split on whitespace with no quote, glob or variable expansion.
#
# It runs outside GitHub as well: tests/action.rs drives it with a simulated environment
# (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, RUNNER_TEMP).
set -euo pipefail

die() {
  printf '::error title=obligo action::%s\n' "$1"
  exit 2
}

# Appends `name=value` to the step outputs; a value may not span lines.
output() {
  local name=$1 value=$2
  [[ $value != *$'\n'* && $value != *$'\r'* ]] || die "output \`$name\` would span several lines"
  printf '%s=%s\n' "$name" "$value" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
}

# An absolute path for $1, taken relative to the workspace when it is relative.
absolute() {
  case $1 in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$workspace" "$1" ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi | cut -c1-16
}

action_path() {
  local dir=${GITHUB_ACTION_PATH:-}
  [[ -n $dir ]] || dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  printf '%s' "$dir"
}

# The cache key changes with the toolchain, the dependencies and obligo's own sources (policies
# and reference data are embedded in the binary). hashFiles() cannot be used here: it only sees
# files inside the workspace, and a published action lives outside it.
cache_key() {
  local root toolchain deps sources prefix
  root=$(action_path)
  cd "$root"
  toolchain=$(rustc --version 2>/dev/null | sha256)
  deps=$(sha256 <Cargo.lock)
  sources=$(find Cargo.toml build.rs src policies data -type f -print0 | LC_ALL=C sort -z |
    xargs -0 cat | sha256)
  prefix="obligo-build-${RUNNER_OS:-local}-${RUNNER_ARCH:-local}-$toolchain-$deps-"
  output key "$prefix$sources"
  output restore-key "$prefix"
}

build() {
  local root exe=""
  root=$(action_path)
  # From the action's own directory, so a rust-toolchain file of the checked-out repository
  # does not choose the toolchain that builds obligo.
  cd "$root"
  cargo build --release --locked --target-dir "$root/target" --bin obligo
  [[ ${RUNNER_OS:-} != Windows ]] || exe=.exe
  output binary "$root/target/release/obligo$exe"
}

check() {
  workspace=${GITHUB_WORKSPACE:-$PWD}
  cd "$workspace"

  local binary=${OBLIGO_BINARY:-}
  [[ -n $binary ]] || die "no obligo binary: set the \`binary\` input or let the action build it"
  binary=$(absolute "$binary")
  [[ -x $binary ]] || die "\`$binary\` is not an executable obligo binary"

  local reports=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/obligo
  mkdir -p "$reports"
  local sarif json markdown
  sarif=$(absolute "${OBLIGO_SARIF_FILE:-obligo.sarif}")
  json=$reports/obligo.json
  markdown=$reports/obligo.md
  mkdir -p "$(dirname "$sarif")"
  rm -f "$sarif" "$json" "$markdown"

  local -a paths=() extra=()
  read -r -d '' -a paths <<<"${OBLIGO_PATHS:-.}" || true
  read -r -d '' -a extra <<<"${OBLIGO_ARGS:-}" || true
  ((${#paths[@]})) || paths=(.)

  local -a command=("$binary" check --format github --fail-on "${OBLIGO_FAIL_ON:-error}")
  [[ -z ${OBLIGO_EVIDENCE:-} ]] || command+=(--evidence "$OBLIGO_EVIDENCE")
  [[ -z ${OBLIGO_POLICIES:-} ]] || command+=(--policies "$OBLIGO_POLICIES")
  command+=(--output "sarif=$sarif" --output "json=$json" --output "markdown=$markdown")
  # `${a[@]+"${a[@]}"}`: an empty array is no error under `set -u` in the bash 3 of macOS.
  command+=(${extra[@]+"${extra[@]}"} -- "${paths[@]}")

  local summary=${GITHUB_STEP_SUMMARY:-} summary_size=0
  [[ -z $summary || ! -f $summary ]] || summary_size=$(wc -c <"$summary")

  printf '+ obligo %s\n' "${command[*]:1}" >&2
  local code=0
  "${command[@]}" || code=$?
  output exit-code "$code"

  # obligo writes the job summary itself (`--format github` with GITHUB_STEP_SUMMARY set);
  # when it stopped before writing one, say so there rather than leave the summary empty.
  if [[ -n $summary ]] && (($(wc -c <"$summary" 2>/dev/null || echo 0) == summary_size)); then
    printf '## obligo\n\nobligo stopped with exit code %s before writing a report: see the log of this step.\n' \
      "$code" >>"$summary"
  fi

  [[ ! -f $sarif ]] || output sarif-file "$sarif"
  [[ ! -f $markdown ]] || output markdown-file "$markdown"
  if [[ -f $json ]]; then
    output json-file "$json"
    command -v jq >/dev/null || die "\`jq\` is needed to read the report: install it on the runner"
    local counts
    counts=$(jq -r '[.summary.errors, .summary.warnings, .summary.infos, .summary.evidence,
      (.findings | length), .summary.problems] | map(tostring) | join(" ")' "$json") ||
      die "cannot read the report \`$json\`"
    local errors warnings infos evidence findings problems
    read -r errors warnings infos evidence findings problems <<<"$counts"
    output errors "$errors"
    output warnings "$warnings"
    output infos "$infos"
    output evidence "$evidence"
    output findings "$findings"
    output problems "$problems"
  fi
}

gate() {
  local code=${OBLIGO_EXIT_CODE:-}
  local fail_on=${OBLIGO_FAIL_ON:-error}
  case $code in
    0) printf 'obligo: no finding at or above `%s`\n' "$fail_on" ;;
    1)
      printf '::error title=obligo::findings at or above `fail-on: %s` (in all %s error(s), %s warning(s), %s info violations; %s evidence gap(s)): see the annotations and the job summary\n' \
        "$fail_on" "${OBLIGO_ERRORS:-?}" "${OBLIGO_WARNINGS:-?}" "${OBLIGO_INFOS:-?}" "${OBLIGO_EVIDENCE_COUNT:-?}"
      exit 1
      ;;
    '') die "obligo did not run: see the earlier steps" ;;
    *)
      printf '::error title=obligo::obligo could not check everything (exit code %s): an invalid tenant file or policy, a wrong input, or no tenant file under the given paths; see the log of the check step\n' \
        "$code"
      exit 2
      ;;
  esac
}

case ${1:-} in
  cache-key) cache_key ;;
  build) build ;;
  check) check ;;
  gate) gate ;;
  *)
    echo "usage: $0 cache-key|build|check|gate" >&2
    exit 2
    ;;
esac
