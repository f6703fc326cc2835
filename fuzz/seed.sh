#!/bin/sh
# Seeds the fuzz corpora from the repository's fixtures: every tenant-like `.toml` under
# tests/fixtures/ and examples/ for the `tenant` and `check` targets, every `.cedar` file under
# policies/ for the `policy` target. Files are named by content hash, so running it twice adds
# nothing. Usage (from anywhere): fuzz/seed.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
mkdir -p "$corpus/tenant" "$corpus/check" "$corpus/policy"

seed() { # seed TARGET FILE
    name=$(sha1sum "$2" | cut -c1-40)
    cp "$2" "$corpus/$1/$name"
}

find "$root/tests/fixtures" "$root/examples" -name '*.toml' -type f | sort | while read -r f; do
    seed tenant "$f"
    seed check "$f"
done
find "$root/policies" -name '*.cedar' -type f | sort | while read -r f; do
    seed policy "$f"
done
for t in tenant check policy; do
    echo "$t: $(ls "$corpus/$t" | wc -l) seeds"
done
