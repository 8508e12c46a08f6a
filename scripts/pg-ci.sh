# Starts a throwaway PostgreSQL 15 for tests. SOURCE this file (it sets an EXIT trap and exports
# DATABASE_URL). initdb and postgres refuse to run as root, hence runuser. fsync is off: CI only.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
PGUSER_OS=${PGUSER_OS:-postgres}
if [ ! -x "$PGBIN/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
fi
id -u "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
PGROOT=$(mktemp -d "${PGBASE:-/tmp}/pgci.XXXXXX")
chown "$PGUSER_OS" "$PGROOT"; chmod 700 "$PGROOT"
pg_stop() { runuser -u "$PGUSER_OS" -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGROOT"; }
trap pg_stop EXIT
runuser -u "$PGUSER_OS" -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log"
runuser -u "$PGUSER_OS" -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
  -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PGROOT/server.log"; exit 1; }
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres taavon
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/taavon" PGSOCKETDIR="$PGROOT"
