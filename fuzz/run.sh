#!/bin/sh
# Runs the three fuzz targets side by side in the background, each for SECONDS (default 1900)
# of fuzzing, at the lowest CPU priority, logging to fuzz/logs/<target>.log. libFuzzer runs in
# fork mode with crashes, timeouts and out-of-memory inputs ignored, so that one finding does not
# end the run: each is saved under fuzz/artifacts/<target>/ and the run goes on.
# Needs a nightly toolchain and cargo-fuzz; build first with
#   cargo +nightly fuzz build -s none
# Usage: fuzz/run.sh [SECONDS]
set -eu
root=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-1900}
cd "$root"
"$root/seed.sh" >/dev/null
mkdir -p logs
for target in tenant policy check; do
    mkdir -p "artifacts/$target"
    nice -n 19 cargo +nightly fuzz run -s none "$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -print_final_stats=1 >"logs/$target.log" 2>&1 &
    echo "$target: pid $!"
done
