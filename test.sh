#!/usr/bin/env bash
# Every test suite: unit, integration (on a throwaway PostgreSQL cluster started here and removed after),
# and browser tests in headless Chromium. Ends with the line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
summary() { echo "$1 passed, $2 failed, $3 skipped"; }

echo "Building…"
if ! build_all; then
  echo "Build failed." >&2
  summary 0 1 0
  exit 1
fi

# A throwaway cluster: trust authentication on 127.0.0.1 only, no fsync (nothing here needs to survive).
PGHOME=$(mktemp -d /tmp/xuncha-test-pg.XXXXXX)
chmod 755 "$PGHOME"; pg_own "$PGHOME"
PGPORT=$(free_port)
cleanup() { pg_stop "$PGHOME/data"; rm -rf "$PGHOME"; }
trap cleanup EXIT
if ! { pg_init "$PGHOME/data" trust && PG_FSYNC=off pg_start "$PGHOME/data" "$PGPORT" "$PGHOME/server.log"; }; then
  echo "Could not start the test PostgreSQL cluster:" >&2; cat "$PGHOME/server.log" >&2 2>/dev/null
  summary 0 1 0
  exit 1
fi
export XUNCHA_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=false"
echo "Test PostgreSQL on port $PGPORT"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "warning: chromium is not installed (apt-get install -y chromium fonts-noto-cjk); browser tests will fail." >&2
fi

passed=0; failed=0; skipped=0; status=0
for suite in UnitTests IntegrationTests BrowserTests; do
  echo "── $suite"
  dotnet test "tests/Xuncha.$suite" -c "$CONFIG" --no-build --nologo \
    --logger "trx;LogFileName=$suite.trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" || status=1
  trx="$RESULTS/$suite.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    total=$(get total); executed=$(get executed); p=$(get passed); f=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - executed))
  else
    echo "$suite produced no results." >&2; failed=$((failed + 1))
  fi
done
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
summary "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ]
