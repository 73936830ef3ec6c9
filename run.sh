#!/usr/bin/env bash
# Build, start a private PostgreSQL under .data/ (unless XUNCHA_DB is set), migrate, load the demo on
# first start, and serve http://127.0.0.1:${XUNCHA_PORT:-5080}. Ctrl-C stops the app and the database.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh
export XUNCHA_DATA="${XUNCHA_DATA:-$ROOT/.data}"
PORT="${XUNCHA_PORT:-5080}"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Port $PORT is already in use (another ./run.sh?). Stop that, or pick another port: XUNCHA_PORT=5081 ./run.sh" >&2
  exit 1
fi

echo "Building…"
(dotnet build src/Xuncha.Web -c "$CONFIG" -nologo -clp:ErrorsOnly -v:q && dotnet build src/Xuncha.Cli -c "$CONFIG" -nologo -clp:ErrorsOnly -v:q) >/dev/null \
  || { dotnet build src/Xuncha.Web -c "$CONFIG" -nologo -clp:ErrorsOnly; exit 1; }

XUNCHA_PG_STARTED=0
APP=""
# On Ctrl-C (or TERM, or any exit): stop the app, then the database this script started. Ignore PIPE and
# further signals meanwhile, so that a closed `| tee` or a second Ctrl-C cannot leave PostgreSQL running.
cleanup() {
  trap '' INT TERM PIPE
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null; fi
  if [ "$XUNCHA_PG_STARTED" = 1 ]; then
    echo "Stopping PostgreSQL…" >&2 2>/dev/null || true
    pg_stop "$XUNCHA_PG_DIR"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ -z "${XUNCHA_DB:-}" ]; then
  private_pg_up "$XUNCHA_DATA"
fi

dotnet "$(cli_dll)" db migrate
dotnet "$(cli_dll)" demo load --if-empty

cat <<MSG

  巡察工作平台 Xuncha  →  http://127.0.0.1:$PORT
  Sign in with an account above (the one-time password must be changed at first sign-in).
  The first administrator is "sysadmin". Lost a password?  ./xuncha user reset-password NAME
  Ctrl-C stops the app$( [ "$XUNCHA_PG_STARTED" = 1 ] && echo " and its database" ).

MSG
ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
  dotnet "$(web_dll)" --contentRoot "$ROOT/src/Xuncha.Web" --urls "http://127.0.0.1:$PORT" &
APP=$!
wait $APP
