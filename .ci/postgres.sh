#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the tests (or for trying a team workspace):
#   eval "$(bash .ci/postgres.sh start DIR)"   exports HANDOVER_TEST_POSTGRES (a URL)
#   bash .ci/postgres.sh stop DIR
# It installs Debian's postgresql package if it is missing, runs the server as the
# unprivileged 'postgres' user (or the current user when not root), listens only on a
# unix socket in DIR, and trusts local connections (except one role kept for password
# tests): for tests and trials, never production.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a folder for the cluster}
# The one role that must log in with a password (tests/server_databases.py creates it).
PASSWORD_ROLE=handover_password_user

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] && [ "$action" = start ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "postgres.sh: install PostgreSQL first (apt-get install postgresql)" >&2
        exit 1
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
    # One role must give a password (tests of a wrong password and the password prompt);
    # pg_hba.conf takes the first line that matches, so this one goes before "trust".
    hba="$dir/data/pg_hba.conf"
    { echo "local all $PASSWORD_ROLE scram-sha-256"; cat "$hba"; } >"$hba.new"
    mv "$hba.new" "$hba"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$hba"; fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off" start >/dev/null
    echo "export HANDOVER_TEST_POSTGRES='postgresql://postgres@/postgres?host=$dir'"
    ;;
stop)
    if [ -n "$bindir" ] && [ -d "$dir/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "postgres.sh: start or stop" >&2
    exit 2
    ;;
esac
