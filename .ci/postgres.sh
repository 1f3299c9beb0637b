#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `source .ci/postgres.sh start` installs the
# server from Debian's packages if it is missing, starts a cluster in a temporary directory
# on a local port as an unprivileged user, and exports RELAY_TEST_POSTGRES;
# `.ci/postgres.sh stop DIR` stops it and removes the directory.
set -euo pipefail

find_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

start() {
    local bin
    if ! bin="$(find_bin)"; then
        echo "== installing PostgreSQL from Debian's packages"
        if [ "$(id -u)" -eq 0 ]; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                postgresql >/dev/null || {
                apt-get update -qq >/dev/null
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                    postgresql >/dev/null
            }
        else
            sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                postgresql >/dev/null
        fi
        bin="$(find_bin)"
    fi
    local dir port runas=()
    dir="$(mktemp -d /tmp/relay-pg.XXXXXX)"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    if [ "$(id -u)" -eq 0 ]; then
        # The server refuses to run as root: the package's own unprivileged user runs it.
        chown postgres "$dir"
        runas=(runuser -u postgres --)
    fi
    "${runas[@]}" "$bin/initdb" -D "$dir/data" -A trust -U relay -E UTF8 --no-sync >/dev/null
    "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
        start >/dev/null
    export RELAY_TEST_POSTGRES="postgresql+psycopg://relay@127.0.0.1:$port/postgres"
    export RELAY_TEST_POSTGRES_DIR="$dir"
    echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port ($dir)"
}

stop() {
    local dir="$1" bin
    bin="$(find_bin)" || return 0
    local runas=()
    if [ "$(id -u)" -eq 0 ]; then runas=(runuser -u postgres --); fi
    "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:?directory}" ;;
    *) echo "usage: source .ci/postgres.sh start | .ci/postgres.sh stop DIR" >&2; exit 2 ;;
esac
