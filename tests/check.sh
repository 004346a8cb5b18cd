# check.sh: what the shell test scripts share, sourced by them: a
# temporary folder $t (kept when KEEP is set, to look into a failure),
# `check NAME CONDITION` (CONDITION is eval'ed: true passes), and
# `passed SUITE`, the last line and the status.
t=$(mktemp -d)
trap '[ -n "$KEEP" ] || rm -rf "$t"' EXIT
fails=0
n=0
check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok   $1"; else fails=$((fails + 1)); echo "FAIL $1"; fi
}
passed() {
    echo "$1: $((n - fails)) of $n passed"
    [ $fails = 0 ]
}
