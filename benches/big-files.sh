#!/bin/sh
# Issue 25: the largest files the lab reads and writes, with the time and peak memory (resident
# set, from /usr/bin/time) of the whole process.
#
#   - `check` on 100,000 and 1,000,000 `Shell(command: "Get-CsClientPolicy")` steps (every
#     printout was kept: 2.3 GB at 100,000, and 300,000 ran out of memory);
#   - `record` then `verify` of a mixed scenario of 210,000 and 1,000,000 steps (sessions of
#     210,000 steps were written and then refused as "larger than the limit of 64 MB") and of
#     1,000,000 Get-CsClientPolicy; the session's size and bytes a step;
#   - the largest that round-trip: 2,000,000 steps (MAX_STEPS), and a session just under
#     512 MB (MAX_FILE_BYTES); one step more, or a session over 512 MB, is refused, saying
#     where or why.
#
# Usage: benches/big-files.sh [DELEGATE-LAB]   (default: the release build, built first)
# It needs GNU time (Debian: `apt-get install time`) and about 2.5 GB of free disk and memory.
set -eu

bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin="${CARGO_TARGET_DIR:-target}/release/delegate-lab"
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM

mix='        StartOutlook(user: "user20", computer: "USER20-PC"),
        SignIn(user: "user20", computer: "USER20-PC"),
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21"),
        ExpectOk,
        RemoveDelegate(user: "user20", computer: "USER20-PC", delegate: "user21"),
        SignOut(user: "user20", computer: "USER20-PC"),
        CloseOutlook(user: "user20", computer: "USER20-PC"),
        Shell(command: "Set-CsClientPolicy -EnableExchangeDelegateSync $true"),'

# scenario FILE STEPS KIND [NOTES]: a scenario of NOTES notes of 1 MiB each (none when left
# out), then STEPS steps, one a line; KIND is `shell` (Get-CsClientPolicy only) or `mix`
# (Outlook, Lync, delegates and the Shell, in turns).
scenario() {
    if [ "$3" = shell ]; then
        block='        Shell(command: "Get-CsClientPolicy"),'
    else
        block=$mix
    fi
    printf '        Note(text: "%s"),\n' "$(head -c 1048576 /dev/zero | tr '\0' 'x')" >"$dir/note"
    {
        printf 'Scenario(\n    title: "%s %s steps",\n    steps: [\n' "$2" "$3"
        i=0
        while [ $i -lt "${4:-0}" ]; do
            cat "$dir/note"
            i=$((i + 1))
        done
        yes "$block" | head -n "$2"
        printf '    ],\n)\n'
    } >"$1"
}

# measure LABEL COMMAND...: runs it, prints its time and peak memory, and its first line of
# output (or of its error).
measure() {
    label=$1
    shift
    status=0
    /usr/bin/time -o "$dir/time" -f '%e %M' "$@" >"$dir/out" 2>"$dir/err" || status=$?
    set -- $(tail -n 1 "$dir/time")
    said=$(cat "$dir/out" "$dir/err" | head -n 1 | sed "s|$dir/||g" | cut -c 1-150)
    printf '%-44s %7.2f s %6d MB peak  exit %d  %s\n' "$label" "$1" $(($2 / 1024)) "$status" "$said"
}

size() {
    bytes=$(wc -c <"$1")
    printf '%-44s %7d MB (%d bytes a step)\n' "  session of $2 steps" $((bytes / 1000000)) $((bytes / $2))
}

echo "== check: Get-CsClientPolicy"
for n in 100000 1000000; do
    scenario "$dir/shell-$n.ron" $n shell
    measure "check -q, $n Get-CsClientPolicy" "$bin" check -q "$dir/shell-$n.ron"
done

echo "== record, then verify"
for case in 210000:mix 1000000:mix 1000000:shell 2000000:mix; do
    n=${case%:*}
    kind=${case#*:}
    scenario "$dir/s.ron" "$n" "$kind"
    rm -f "$dir/session.ron" "$dir/session.ron.bak"
    measure "record, $n $kind" "$bin" record "$dir/s.ron" --out "$dir/session.ron"
    size "$dir/session.ron" "$n"
    measure "verify, $n $kind" "$bin" verify "$dir/session.ron"
done
rm -f "$dir/shell-"*.ron

echo "== past the limits"
scenario "$dir/s.ron" 2000001 mix
measure "check, 2000001 steps" "$bin" check -q "$dir/s.ron"
# 496 notes of 1 MiB and 20,000 steps: a scenario and a session just under 512 MiB.
scenario "$dir/s.ron" 20000 mix 496
rm -f "$dir/session.ron" "$dir/session.ron.bak"
measure "record, 496 MiB of notes, 20000 steps" "$bin" record "$dir/s.ron" --out "$dir/session.ron"
printf '%-44s %7d MiB\n' "  session" $(($(wc -c <"$dir/session.ron") / 1048576))
measure "verify, 496 MiB of notes, 20000 steps" "$bin" verify "$dir/session.ron"
# 490 notes and 250,000 steps: a scenario under 512 MiB whose session (each step an entry of
# the timeline too) would be over it.
scenario "$dir/s.ron" 250000 mix 490
printf '%-44s %7d MiB\n' "  scenario" $(($(wc -c <"$dir/s.ron") / 1048576))
before=$(cksum <"$dir/session.ron")
measure "record, 490 MiB of notes, 250000 steps" "$bin" record "$dir/s.ron" --out "$dir/session.ron"
if [ "$(cksum <"$dir/session.ron")" = "$before" ]; then
    echo "  the session written before is as it was; in the folder: $(ls -A "$dir" | tr '\n' ' ')"
fi
