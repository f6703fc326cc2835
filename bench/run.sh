#!/usr/bin/env bash
# Times a whole `obligo check` on generated corpora and compares it with Cedar alone on the same
# work; the figures of docs/performance.md come from here.
#
#   bench/run.sh [SIZES...]      default: 1000 10000 (tenant files)
#
# For each size it generates a corpus with the `gen-corpus` example (20 resources per tenant,
# seed 1: realistic tenants, some of them breaking rules), runs the release build of
# `obligo check --format json` on it three times and keeps the fastest run, and prints files
# per second, peak memory (maximum resident set size, from GNU time) and the ratio to the
# `raw-cedar` example, which times Cedar alone evaluating the same requests against the same
# policies and entities, in parallel as obligo does. Environment: RESOURCES (20), SEED (1),
# RUNS (3), WORK (a temporary directory; kept when given).
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 10000)
resources=${RESOURCES:-20}
seed=${SEED:-1}
runs=${RUNS:-3}
now=2026-11-21

if [[ -n ${WORK:-} ]]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
[[ -x /usr/bin/time ]] || { echo "bench/run.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

cargo build --quiet --release --bin obligo --example gen-corpus --example raw-cedar
bin=target/release
printf 'obligo check --now %s --format json, %s resources per tenant, seed %s, %s CPUs, best of %s\n' \
  "$now" "$resources" "$seed" "$(nproc 2>/dev/null || echo '?')" "$runs"
printf '%8s %9s %10s %11s %12s %10s %7s\n' files findings seconds 'files/s' 'peak MiB' 'Cedar s' ratio

for size in "${sizes[@]}"; do
  corpus=$work/corpus-$size
  [[ -d $corpus ]] || "$bin/examples/gen-corpus" --tenants "$size" --resources "$resources" \
    --seed "$seed" "$corpus" >/dev/null
  best='' peak=0 findings=0
  for ((run = 0; run < runs; run++)); do
    code=0
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin/obligo" check --now "$now" --format json \
      "$corpus" >"$work/report.json" || code=$?
    # 1: findings, as the corpus has; anything else is a failed run.
    ((code <= 1)) || { echo "obligo check exited $code" >&2; exit 2; }
    # GNU time writes "Command exited with non-zero status 1" first when there are findings.
    read -r seconds kib < <(tail -n 1 "$work/time")
    if [[ -z $best ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds
    fi
    ((kib > peak)) && peak=$kib
  done
  findings=$(jq '.findings | length' "$work/report.json")
  cedar=$("$bin/examples/raw-cedar" --now "$now" "$corpus" | sed -n 's/.*seconds=//p')
  awk -v n="$size" -v f="$findings" -v s="$best" -v m="$peak" -v c="$cedar" 'BEGIN {
    printf "%8d %9d %10.2f %11.0f %12.1f %10.3f %6.1fx\n", n, f, s, n / s, m / 1024, c, s / c
  }'
done
