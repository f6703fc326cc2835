#!/usr/bin/env bash
# Backticks in messages are Markdown, not command substitution.
# shellcheck disable=SC2016
#
# The shell steps of obligo's GitHub Action (action.yml), one subcommand per step:
#
#   action-run.sh install     download the release binary        -> output binary, or build=true
#   action-run.sh cache-key   key for the build cache            -> outputs key, restore-key
#   action-run.sh build       cargo build --release --locked     -> output binary
#   action-run.sh check       obligo check, reports and counts   -> outputs below; never fails
#   action-run.sh comment     the pull-request comment, updated in place
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

# The release archive for this runner: the targets of .github/workflows/release.yml.
release_target() {
  case ${RUNNER_OS:-}-${RUNNER_ARCH:-} in
    Linux-X64) printf 'x86_64-unknown-linux-musl' ;;
    Linux-ARM64) printf 'aarch64-unknown-linux-musl' ;;
    macOS-X64) printf 'x86_64-apple-darwin' ;;
    macOS-ARM64) printf 'aarch64-apple-darwin' ;;
    Windows-X64) printf 'x86_64-pc-windows-msvc' ;;
    *) return 1 ;;
  esac
}

# Sets `tag` to the release to download (`v1.2.3` or `latest`), or to nothing when obligo is to
# be built from the action's own sources. An explicit `version` input wins; `source` always
# builds. Otherwise a tag ref of the action (`@v1`, `@v1.2.3`) means its sources are a release,
# whose version is the one in its Cargo.toml; a branch or commit (`@main`, `@<sha>`) may hold
# unreleased changes, so it is built, never paired with a binary of other sources.
release_tag() {
  local version=${OBLIGO_VERSION:-} ref=${OBLIGO_ACTION_REF:-}
  tag=
  case $version in
    source) return 0 ;;
    latest) tag=latest && return 0 ;;
    v[0-9]*) tag=$version ;;
    [0-9]*) tag=v$version ;;
    '') ;;
    *) die "\`version: $version\` is not a version: use 1.2.3, v1.2.3, latest or source" ;;
  esac
  if [[ -n $tag ]]; then
    [[ $tag =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] ||
      die "\`version: $version\` is not a full version: use 1.2.3, v1.2.3, latest or source"
    return 0
  fi
  [[ $ref =~ ^v[0-9]+(\.[0-9]+){0,2}$ ]] || return 0
  version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$(action_path)/Cargo.toml" | head -n 1)
  [[ -n $version ]] || die "no version in the action's Cargo.toml"
  tag=v$version
}

# Fetches $1 into $2. Returns 0, or 3 when the release or asset does not exist (HTTP 404, or a
# missing file for a file:// base URL); any other failure stops the step.
fetch() {
  local url=$1 to=$2 code=0
  curl --fail --silent --show-error --location --retry 3 --connect-timeout 20 \
    --output "$to" "$url" 2>"$to.err" || code=$?
  case $code in
    0) return 0 ;;
    37) return 3 ;;
    22) if grep -q ' 404' "$to.err"; then return 3; fi ;;
  esac
  die "cannot download \`$url\` (curl exit code $code): $(tr '\n' ' ' <"$to.err")"
}

# Downloads the release archive for this runner and its SHA-256 checksum file, verifies the
# archive and unpacks it. A checksum that does not match fails the step: it is never a reason
# to fall back to a build. Only a release that does not exist (or has no archive for this
# runner) falls back, with a notice.
install() {
  local tag target
  release_tag
  if [[ -z $tag ]]; then
    printf 'obligo: building from the action sources (ref `%s`, version `%s`)\n' \
      "${OBLIGO_ACTION_REF:-}" "${OBLIGO_VERSION:-}"
    output build true
    return 0
  fi
  if ! target=$(release_target); then
    printf '::notice title=obligo action::no release binary for %s %s; building from source\n' \
      "${RUNNER_OS:-}" "${RUNNER_ARCH:-}"
    output build true
    return 0
  fi

  local base=${OBLIGO_RELEASE_BASE_URL:-}
  if [[ -z $base ]]; then
    local repository=${OBLIGO_ACTION_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}
    [[ -n $repository ]] || die "the action's repository is unknown: set the \`version\` input to \`source\`"
    base=${GITHUB_SERVER_URL:-https://github.com}/$repository/releases
  fi
  local url
  if [[ $tag == latest ]]; then url=$base/latest/download; else url=$base/download/$tag; fi

  local archive=obligo-$target.tar.gz exe=obligo
  if [[ $target == *windows* ]]; then archive=obligo-$target.zip exe=obligo.exe; fi
  local dir=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/obligo/$tag/$target
  mkdir -p "$dir"

  local code=0
  fetch "$url/obligo-$target.sha256" "$dir/obligo-$target.sha256" || code=$?
  ((code == 0)) && { fetch "$url/$archive" "$dir/$archive" || code=$?; }
  if ((code == 3)); then
    printf '::notice title=obligo action::no release %s with %s; building from source\n' \
      "$tag" "$archive"
    output build true
    return 0
  fi

  local expected actual
  expected=$(awk -v name="$archive" '{ sub(/^\*/, "", $2) } $2 == name { print $1 }' \
    "$dir/obligo-$target.sha256")
  [[ $expected =~ ^[0-9a-f]{64}$ ]] || die "the checksum file of $tag has no SHA-256 for \`$archive\`"
  if command -v sha256sum >/dev/null; then
    actual=$(sha256sum "$dir/$archive" | cut -d' ' -f1)
  else
    actual=$(shasum -a 256 "$dir/$archive" | cut -d' ' -f1)
  fi
  [[ $actual == "$expected" ]] ||
    die "checksum mismatch for \`$archive\` of $tag: expected $expected, downloaded $actual; not running it"

  if [[ $archive == *.zip ]]; then
    unzip -o -q "$dir/$archive" -d "$dir"
  else
    tar -xzf "$dir/$archive" -C "$dir"
  fi
  [[ -f $dir/$exe ]] || die "\`$archive\` of $tag holds no \`$exe\`"
  chmod +x "$dir/$exe"
  printf 'obligo: %s (%s) verified by SHA-256 %s\n' "$tag" "$target" "$actual"
  output binary "$dir/$exe"
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

# Sets `category` to the SARIF category: the `category` input, else one unique per job and
# matrix entry, so the uploads of a matrix's jobs do not replace each other in code scanning.
sarif_category() {
  local matrix=${OBLIGO_MATRIX:-}
  category=${OBLIGO_CATEGORY:-}
  if [[ -z $category ]]; then
    category=obligo-${GITHUB_JOB:-job}
    if [[ -n $matrix && $matrix != null ]]; then
      category+=-$(printf '%s' "$matrix" | sha256 | cut -c1-8)
    fi
  fi
  [[ $category =~ ^[A-Za-z0-9_./-]+$ ]] ||
    die "\`category: $category\` may hold only letters, digits and . _ / -"
}

check() {
  workspace=${GITHUB_WORKSPACE:-$PWD}
  cd "$workspace"
  local category
  sarif_category
  output category "$category"
  # obligo runs in the working directory: `paths`, `policies` and `config` are relative to it,
  # as are the tenant paths in its reports. The SARIF file stays relative to the workspace.
  local directory=${OBLIGO_WORKING_DIRECTORY:-.}
  directory=$(absolute "$directory")
  [[ -d $directory ]] || die "\`working-directory: ${OBLIGO_WORKING_DIRECTORY}\` is not a directory"

  local binary=${OBLIGO_BINARY:-}
  [[ -n $binary ]] || die "no obligo binary: set the \`binary\` input or let the action build it"
  binary=$(absolute "$binary")
  [[ -x $binary ]] || die "\`$binary\` is not an executable obligo binary"

  local reports=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/obligo
  mkdir -p "$reports"
  local sarif json markdown html
  sarif=$(absolute "${OBLIGO_SARIF_FILE:-obligo.sarif}")
  json=$reports/obligo.json
  markdown=$reports/obligo.md
  html=$reports/obligo.html
  mkdir -p "$(dirname "$sarif")"
  rm -f "$sarif" "$json" "$markdown" "$html"

  local -a paths=() extra=()
  read -r -d '' -a paths <<<"${OBLIGO_PATHS:-.}" || true
  read -r -d '' -a extra <<<"${OBLIGO_ARGS:-}" || true
  ((${#paths[@]})) || paths=(.)

  local -a command=("$binary" check --format github --fail-on "${OBLIGO_FAIL_ON:-error}")
  [[ -z ${OBLIGO_EVIDENCE:-} ]] || command+=(--evidence "$OBLIGO_EVIDENCE")
  [[ -z ${OBLIGO_POLICIES:-} ]] || command+=(--policies "$OBLIGO_POLICIES")
  [[ -z ${OBLIGO_CONFIG:-} ]] || command+=(--config "$OBLIGO_CONFIG")
  command+=(--output "sarif=$sarif" --output "json=$json" --output "markdown=$markdown")
  # The Markdown report is the pull-request comment: obligo holds it under what a comment takes
  # with the marker line in front, leaving out the least severe findings first with a note.
  # The JSON and HTML reports keep every finding (the artifact the note points to).
  command+=(--output "html=$html" --markdown-limit "$(comment_room "$category")")
  # The SARIF carries the upload's category itself, so a `--shard K/N` in `args` (whose own
  # default category would be the same in every workflow) cannot override it.
  command+=(--sarif-category "$category")
  # `${a[@]+"${a[@]}"}`: an empty array is no error under `set -u` in the bash 3 of macOS.
  command+=(${extra[@]+"${extra[@]}"} -- "${paths[@]}")

  local summary=${GITHUB_STEP_SUMMARY:-} summary_size=0
  [[ -z $summary || ! -f $summary ]] || summary_size=$(wc -c <"$summary")

  printf '+ (cd %s && obligo %s)\n' "$directory" "${command[*]:1}" >&2
  local code=0
  (cd "$directory" && "${command[@]}") || code=$?
  output exit-code "$code"

  # obligo writes the job summary itself (`--format github` with GITHUB_STEP_SUMMARY set);
  # when it stopped before writing one, say so there rather than leave the summary empty.
  if [[ -n $summary ]] && (($(wc -c <"$summary" 2>/dev/null || echo 0) == summary_size)); then
    printf '## obligo\n\nobligo stopped with exit code %s before writing a report: see the log of this step.\n' \
      "$code" >>"$summary"
  fi

  [[ ! -f $sarif ]] || output sarif-file "$sarif"
  [[ ! -f $markdown ]] || output markdown-file "$markdown"
  [[ ! -f $html ]] || output html-file "$html"
  # Artifact names may not hold `/`, which a category may.
  output artifact "obligo-reports-${category//\//-}"
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

# The largest pull-request comment GitHub accepts, in characters.
comment_limit=65536

# The first line of the comment for category $1, by which a later run finds it.
comment_marker() {
  printf '<!-- obligo-comment category=%s -->' "$1"
}

# The characters left for the report in a comment for category $1, after the marker line.
comment_room() {
  local marker
  marker=$(comment_marker "$1")
  printf '%s' $((comment_limit - ${#marker} - 1))
}

# Posts the Markdown report as a pull-request comment, or updates the comment an earlier run
# with the same category posted (found by a marker in its first line): one comment per pull
# request and category, never a new one per push. A comment that cannot be posted (a fork's
# read-only token) is a warning: the annotations, summary and SARIF carry the same findings.
comment() {
  local event=${GITHUB_EVENT_PATH:-} number markdown=${OBLIGO_MARKDOWN_FILE:-}
  [[ -n $event && -f $event ]] || die "GITHUB_EVENT_PATH is not set: cannot find the pull request"
  command -v jq >/dev/null || die "\`jq\` is needed to read the event: install it on the runner"
  number=$(jq -r '.pull_request.number // empty' "$event")
  if [[ -z $number ]]; then
    echo "obligo: not a pull request; no comment"
    return 0
  fi
  [[ -f $markdown ]] || die "no Markdown report to comment with: see the log of the check step"
  local repository=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
  local marker
  marker=$(comment_marker "${OBLIGO_CATEGORY:-obligo}")
  local work=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/obligo
  mkdir -p "$work"
  local body=$work/comment.md
  { printf '%s\n' "$marker"; cat "$markdown"; } >"$body"
  # The check step had obligo hold the report under the comment's limit (`--markdown-limit`);
  # a report that still passes it was not written by this action's check step.
  local size
  size=$(LC_ALL=C.UTF-8 wc -m <"$body")
  if ((size > comment_limit)); then
    printf '::warning title=obligo action::the Markdown report has %s characters with its marker, more than a pull-request comment holds (%s); not commenting\n' \
      "$size" "$comment_limit"
    return 0
  fi
  jq -Rs '{ body: . }' "$body" >"$work/comment.json"

  local existing
  if ! gh api --paginate "repos/$repository/issues/$number/comments" >"$work/comments.json"; then
    printf '::warning title=obligo action::cannot read the comments of pull request #%s (does the job have `pull-requests: write`?)\n' "$number"
    return 0
  fi
  existing=$(jq -r --arg marker "$marker" \
    '.[] | select(.body | startswith($marker)) | .id' "$work/comments.json" | head -n 1)
  if [[ -n $existing ]]; then
    gh api --method PATCH "repos/$repository/issues/comments/$existing" \
      --input "$work/comment.json" >/dev/null ||
      printf '::warning title=obligo action::cannot update comment %s on pull request #%s\n' "$existing" "$number"
    printf 'obligo: updated comment %s on pull request #%s\n' "$existing" "$number"
  else
    gh api --method POST "repos/$repository/issues/$number/comments" \
      --input "$work/comment.json" >/dev/null ||
      printf '::warning title=obligo action::cannot comment on pull request #%s (does the job have `pull-requests: write`?)\n' "$number"
    printf 'obligo: commented on pull request #%s\n' "$number"
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
  install) install ;;
  cache-key) cache_key ;;
  build) build ;;
  check) check ;;
  comment) comment ;;
  gate) gate ;;
  *)
    echo "usage: $0 install|cache-key|build|check|comment|gate" >&2
    exit 2
    ;;
esac
