#!/usr/bin/env bash
# Build, start a private PostgreSQL under .data/ (unless XUNCHA_DB is set), migrate, load the demo on
# first start, and serve http://127.0.0.1:${XUNCHA_PORT:-5080}. Ctrl-C stops the app and the database.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh
export XUNCHA_DATA="${XUNCHA_DATA:-$ROOT/.data}"
PORT="${XUNCHA_PORT:-5080}"

echo "Building…"
(dotnet build src/Xuncha.Web -c "$CONFIG" -nologo -clp:ErrorsOnly -v:q && dotnet build src/Xuncha.Cli -c "$CONFIG" -nologo -clp:ErrorsOnly -v:q) >/dev/null \
  || { dotnet build src/Xuncha.Web -c "$CONFIG" -nologo -clp:ErrorsOnly; exit 1; }

XUNCHA_PG_STARTED=0
if [ -z "${XUNCHA_DB:-}" ]; then
  private_pg_up "$XUNCHA_DATA"
  if [ "$XUNCHA_PG_STARTED" = 1 ]; then trap 'echo; echo "Stopping PostgreSQL…"; pg_stop "$XUNCHA_PG_DIR"' EXIT; fi
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
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; echo; [ "$XUNCHA_PG_STARTED" = 1 ] && { echo "Stopping PostgreSQL…"; pg_stop "$XUNCHA_PG_DIR"; }' EXIT
trap 'exit 130' INT TERM
wait $APP
