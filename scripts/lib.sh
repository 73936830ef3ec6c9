# Shared by run.sh, test.sh and ./xuncha: building, and a private PostgreSQL cluster.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="${XUNCHA_CONFIGURATION:-Release}"

pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql (apt-get install -y postgresql) or set XUNCHA_DB." >&2
  return 1
}

# Run a PostgreSQL program as the cluster's owner.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A directory the cluster's owner can reach: as root, a path under /root is not readable by postgres.
pg_reachable() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- test -x "$1" 2>/dev/null; else true; fi
}

pg_own() {
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$@"; fi
}

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo 55433
}

# pg_init DIR AUTH [PWFILE]: create a cluster unless DIR already holds one.
pg_init() {
  local dir="$1" auth="$2" pwfile="${3:-}" bin
  bin=$(pg_bindir) || return 1
  [ -f "$dir/PG_VERSION" ] && return 0
  mkdir -p "$dir"
  pg_own "$dir"
  chmod 700 "$dir"
  local args=(-D "$dir" -U postgres --auth-local=trust --auth-host="$auth" -E UTF8 --locale=C.UTF-8)
  [ -n "$pwfile" ] && args+=(--pwfile="$pwfile")
  as_pg "$bin/initdb" "${args[@]}" >/dev/null
}

# pg_start DIR PORT LOG: start on 127.0.0.1 only; sockets inside DIR.
pg_start() {
  local dir="$1" port="$2" log="$3" bin
  bin=$(pg_bindir) || return 1
  as_pg "$bin/pg_ctl" -D "$dir" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=${PG_FSYNC:-on}" start >/dev/null
}

pg_stop() {
  local dir="$1" bin
  bin=$(pg_bindir) || return 0
  as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

pg_running() {
  local bin; bin=$(pg_bindir) || return 1
  as_pg "$bin/pg_ctl" -D "$1" status >/dev/null 2>&1
}

# psql as the superuser over the cluster's socket.
pg_sql() {
  local dir="$1" port="$2"; shift 2
  as_pg "$(pg_bindir)/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

build_all() {
  (cd "$ROOT" && dotnet build Xuncha.slnx -c "$CONFIG" -nologo -clp:"ErrorsOnly;NoSummary" -v:q)
}

cli_dll() { echo "$ROOT/src/Xuncha.Cli/bin/$CONFIG/net10.0/xuncha.dll"; }
web_dll() { echo "$ROOT/src/Xuncha.Web/bin/$CONFIG/net10.0/Xuncha.Web.dll"; }

# Rebuild the CLI only when a source file is newer than its binary.
ensure_cli() {
  local dll; dll=$(cli_dll)
  if [ ! -f "$dll" ] || [ -n "$(find "$ROOT/src/Xuncha.Core" "$ROOT/src/Xuncha.Cli" \( -name bin -o -name obj \) -prune -o -newer "$dll" \( -name '*.cs' -o -name '*.sql' -o -name '*.resx' -o -name '*.csproj' \) -print -quit)" ]; then
    local log; log=$(mktemp)
    if ! (cd "$ROOT" && dotnet build src/Xuncha.Cli -c "$CONFIG" -nologo -v:q) >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; return 1; fi
    rm -f "$log"
    touch "$dll"
  fi
}

# The private cluster of ./run.sh and ./xuncha lives in $XUNCHA_DATA/pg (data/ and server.log, owned by the
# cluster's owner), or, when running as root from a directory postgres cannot enter (such as /root), in
# /var/tmp/xuncha-pg-<hash>. Its credentials are in $XUNCHA_DATA/db.env (mode 600).
private_pg_dir() {
  local data="$1"
  if pg_reachable "$data"; then echo "$data/pg"
  else echo "/var/tmp/xuncha-pg-$(echo -n "$data" | sha256sum | cut -c1-12)"
  fi
}

# private_pg_create HOME ENV: initdb, start, roles and database; the port is XUNCHA_PG_PORT, or 55432 when
# free, or any free one. Writes the connection strings to ENV.
private_pg_create() {
  local home="$1" env="$2" port su owner app pw
  port="${XUNCHA_PG_PORT:-55432}"
  if [ -z "${XUNCHA_PG_PORT:-}" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port=$(free_port); fi
  su=$(head -c 18 /dev/urandom | base64 | tr -d '+/='); owner=$(head -c 18 /dev/urandom | base64 | tr -d '+/=')
  app=$(head -c 18 /dev/urandom | base64 | tr -d '+/=')
  mkdir -p "$home" && pg_own "$home" && chmod 700 "$home" || return 1
  pw=$(mktemp); echo "$su" > "$pw"; pg_own "$pw"
  echo "Creating a private PostgreSQL cluster in $home (port $port)…" >&2
  pg_init "$home/data" scram-sha-256 "$pw" || { rm -f "$pw"; return 1; }
  rm -f "$pw"
  pg_start "$home/data" "$port" "$home/server.log" || return 1
  pg_sql "$home/data" "$port" <<SQL || return 1
CREATE ROLE xuncha_owner LOGIN PASSWORD '$owner';
CREATE ROLE xuncha_app LOGIN PASSWORD '$app';
CREATE DATABASE xuncha OWNER xuncha_owner ENCODING 'UTF8';
REVOKE ALL ON DATABASE xuncha FROM PUBLIC;
GRANT CONNECT ON DATABASE xuncha TO xuncha_app;
SQL
  pg_sql "$home/data" "$port" -d xuncha -c "REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO xuncha_app;" || return 1
  (umask 077; cat > "$env" <<ENV
XUNCHA_PG_PORT=$port
XUNCHA_DB='Host=127.0.0.1;Port=$port;Database=xuncha;Username=xuncha_app;Password=$app'
XUNCHA_DB_OWNER='Host=127.0.0.1;Port=$port;Database=xuncha;Username=xuncha_owner;Password=$owner'
ENV
)
}

# private_pg_up DATA: creates (first time) and starts the cluster; exports XUNCHA_DB and XUNCHA_DB_OWNER.
# Sets XUNCHA_PG_STARTED=1 when this call started it, and XUNCHA_PG_DIR to the cluster's data directory.
private_pg_up() {
  local data="$1" home env port
  mkdir -p "$data"; chmod 711 "$data"
  home=$(private_pg_dir "$data")
  XUNCHA_PG_DIR="$home/data"
  env="$data/db.env"
  if [ ! -f "$XUNCHA_PG_DIR/PG_VERSION" ] || [ ! -f "$env" ]; then
    if [ -e "$home" ]; then
      echo "$home holds an incomplete cluster (no $env); remove it to start afresh." >&2; return 1
    fi
    if ! private_pg_create "$home" "$env"; then
      echo "Could not create the private PostgreSQL cluster:" >&2
      tail -5 "$home/server.log" 2>/dev/null >&2
      pg_stop "$XUNCHA_PG_DIR"; rm -rf "$home" "$env"
      return 1
    fi
    XUNCHA_PG_STARTED=1
  fi
  set -a; . "$env"; set +a
  if ! pg_running "$XUNCHA_PG_DIR"; then
    pg_start "$XUNCHA_PG_DIR" "$XUNCHA_PG_PORT" "$home/server.log" || { echo "PostgreSQL did not start; see $home/server.log" >&2; return 1; }
    XUNCHA_PG_STARTED=1
  fi
  export XUNCHA_DB XUNCHA_DB_OWNER XUNCHA_PG_DIR
}
