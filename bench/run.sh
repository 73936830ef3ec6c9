#!/usr/bin/env bash
# The benchmarks, on a throwaway PostgreSQL started here and removed after; figures go to docs/benchmarks.md.
# Usage: bench/run.sh [--only formation|documents]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

PGHOME=$(mktemp -d /tmp/xuncha-bench-pg.XXXXXX)
chmod 755 "$PGHOME"; pg_own "$PGHOME"
PGPORT=$(free_port)
cleanup() { pg_stop "$PGHOME/data"; rm -rf "$PGHOME"; }
trap cleanup EXIT
pg_init "$PGHOME/data" trust
PG_FSYNC=off pg_start "$PGHOME/data" "$PGPORT" "$PGHOME/server.log"
export XUNCHA_BENCH_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=false"
dotnet run -c Release --project bench/Xuncha.Bench -- --write docs/benchmarks.md "$@"
