#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster from Debian's packages on 127.0.0.1, owned by the unprivileged
# postgres user, in a temp directory, with trust authentication for local connections only.
#   scripts/postgres.sh start DIR PORT   -> prints the connection string
#   scripts/postgres.sh stop DIR
set -euo pipefail
action=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; else sudo -u postgres "$@"; fi
}

case "$action" in
  start)
    port=$3
    if [ -z "$bin" ]; then
      echo "PostgreSQL is not installed (Debian package postgresql)." >&2
      exit 3
    fi
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" -l "$dir/data/server.log" -w start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"
    ;;
  stop)
    [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
