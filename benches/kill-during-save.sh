#!/usr/bin/env bash
# Kills `delegate-lab record` at random moments while it writes a 7 MB session over an
# existing one, 100 times, and counts what is left: the target must always be a whole session
# (old or new, never partial) and the temporary files of killed saves must be gone after the
# next save. Usage: benches/kill-during-save.sh [path to delegate-lab] (default: release build).
set -euo pipefail
lab=${1:-target/release/delegate-lab}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# A scenario of 24,000 steps: signing in and out, over and over.
{
    echo 'Scenario(title: "kill test", steps: ['
    for _ in $(seq 12000); do
        echo '  SignIn(user: "user20", computer: "USER20-PC"), SignOut(user: "user20", computer: "USER20-PC"),'
    done
    echo '])'
} > "$dir/big.ron"
"$lab" record "$dir/big.ron" --at 10 --out "$dir/target.ron" > /dev/null
start=$(date +%s%N)
"$lab" record "$dir/big.ron" --out "$dir/probe.ron" > /dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a whole record run takes ${full_ms} ms; killing within that window"

partial=0 max_orphans=0
for i in $(seq 100); do
    "$lab" record "$dir/big.ron" --out "$dir/target.ron" > /dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' $(( RANDOM % (full_ms + 20) )))"
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    if ! "$lab" verify "$dir/target.ron" > /dev/null 2>&1; then
        partial=$((partial + 1))
    fi
    orphans=$(find "$dir" -name '.delegate-lab-*' | wc -l)
    (( orphans > max_orphans )) && max_orphans=$orphans
done
"$lab" record "$dir/big.ron" --at 10 --out "$dir/target.ron" > /dev/null
left=$(find "$dir" -name '.delegate-lab-*' | wc -l)
echo "100 kills: $partial partial targets; at most $max_orphans temporary file(s) of killed saves at a time; $left left after the next save"
[[ $partial -eq 0 && $left -eq 0 ]]
