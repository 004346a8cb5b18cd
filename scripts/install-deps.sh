#!/bin/sh
# install-deps.sh: installs the Debian packages dixit needs, only those
# missing; safe to run again. Uses sudo when not root.
set -eu
pkgs="build-essential pkg-config clang libutf8proc-dev libcjson-dev zlib1g-dev libzstd-dev zstd libxml2-dev libbrotli-dev brotli libsqlite3-dev sqlite3 libmicrohttpd-dev curl libcmocka-dev python3 valgrind wget slurm-wlm munge python3-distributed chromium nodejs npm libpq-dev postgresql-15 postgresql-contrib"
# Node.js and npm may come from elsewhere than Debian (NodeSource's
# nodejs carries its own npm, and Debian's npm package conflicts with it):
# a working command is enough for those two.
command_for() {
    case $1 in
    nodejs) echo node ;;
    npm) echo npm ;;
    *) echo "" ;;
    esac
}
missing=""
for p in $pkgs; do
    c=$(command_for "$p")
    if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then
        continue
    fi
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
