#!/usr/bin/env bash
# Load test of the real app (Kestrel, Release, Production) over a database of generated structures:
# wrk on /api/structures, on / and on a static file holding the same bytes as /api/structures, served by the same app;
# before that, the map page in headless Chromium (clusters, long tasks).
#
#   benchmarks/wrk.sh                      # 2 threads, 50 connections, 30 s per run
#   DURATION=5s benchmarks/wrk.sh          # quick check
#
# Environment: PARE_BENCH_DB (database file, default <tmp>/pare-bench/pare-bench.db), PARE_BENCH_COUNT (10000),
# DURATION (30s), CONNECTIONS (50), THREADS (2), TIMEOUT (wrk's per-request timeout, 2s), PORT (5199),
# OUT (folder for the raw wrk outputs and the app log), MAP (0: skip the map check in headless Chromium).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=${TMPDIR:-/tmp}
DB=$(realpath -m "${PARE_BENCH_DB:-$TMP/pare-bench/pare-bench.db}")
COUNT=${PARE_BENCH_COUNT:-10000}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
TIMEOUT=${TIMEOUT:-2s}
PORT=${PORT:-5199}
BASE="http://127.0.0.1:$PORT"
OUT=${OUT:-$TMP/pare-bench/wrk-$(date +%Y%m%d-%H%M%S)}
WEB="$ROOT/src/PareNetwork.Web"
STATIC_DIR="$WEB/wwwroot/bench"          # gitignored
STATIC_URL="/bench/structures-static.json"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }
mkdir -p "$OUT"
cd "$ROOT"

if curl -s -o /dev/null --max-time 1 "$BASE/health"; then
    echo "Something already answers on $BASE: stop it or set PORT." >&2
    exit 1
fi

echo "== Database $DB ($COUNT generated structures; idempotent)"
dotnet run -c Release --project benchmarks/PareNetwork.Benchmarks -- generate --db "$DB" --count "$COUNT"

echo "== Building the app (Release)"
dotnet build -c Release --nologo -v quiet "$WEB" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }

APP_PID=""
cleanup() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        # The app runs in its own process group (setsid): stop `dotnet run` and the app it started, nothing else.
        kill -TERM -- "-$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL -- "-$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$STATIC_DIR"
}
trap cleanup EXIT INT TERM

echo "== Starting the app on $BASE (log: $OUT/app.log)"
# setsid may fork (when the caller is a group leader): the inner shell records its own pid, which leads the new
# process group, then becomes `dotnet run`.
rm -f "$OUT/app.pid"
ConnectionStrings__Pare="Data Source=$DB" ASPNETCORE_ENVIRONMENT=Production Pare__PublicUrl="$BASE" \
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' bash "$OUT/app.pid" \
    dotnet run -c Release --no-build --project "$WEB" --no-launch-profile --urls "$BASE" >"$OUT/app.log" 2>&1 &
for _ in $(seq 1 50); do [[ -s "$OUT/app.pid" ]] && break; sleep 0.1; done
APP_PID=$(cat "$OUT/app.pid")
for i in $(seq 1 240); do
    if [[ "$(curl -s --max-time 2 "$BASE/health" || true)" == "Healthy" ]]; then
        echo "   healthy after ~$((i / 2)) s"
        break
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "The app stopped:" >&2; cat "$OUT/app.log" >&2; exit 1; }
    [[ $i == 240 ]] && { echo "The app did not become healthy in 120 s" >&2; cat "$OUT/app.log" >&2; exit 1; }
    sleep 0.5
done

echo "== Static copy of /api/structures at $STATIC_URL"
mkdir -p "$STATIC_DIR"
curl -sf "$BASE/api/structures" -o "$STATIC_DIR/structures-static.json"
API_BYTES=$(stat -c %s "$STATIC_DIR/structures-static.json")
read -r STATIC_CODE STATIC_BYTES STATIC_TYPE < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{content_type}\n' "$BASE$STATIC_URL")
if [[ "$STATIC_CODE" != 200 || "$STATIC_BYTES" != "$API_BYTES" ]]; then
    echo "The static copy is not served ($STATIC_URL answered $STATIC_CODE with $STATIC_BYTES bytes, expected $API_BYTES)." >&2
    exit 1
fi
echo "   served: $STATIC_BYTES bytes, $STATIC_TYPE"

size() { curl -s -o /dev/null -w '%{size_download}' ${2:+-H "Accept-Encoding: $2"} "$BASE$1"; }
echo "== Sizes on the wire (Kestrel)"
printf '   %-36s %12s %12s %12s\n' URL raw gzip br
for url in /api/structures /api/departements "$STATIC_URL" /; do
    printf '   %-36s %12s %12s %12s\n' "$url" "$(size "$url")" "$(size "$url" gzip)" "$(size "$url" br)"
done

if [[ "${MAP:-1}" != 0 ]]; then
    echo "== Map page in headless Chromium (MAP=0 to skip)"
    dotnet run -c Release --no-build --project benchmarks/PareNetwork.Benchmarks -- map --url "$BASE/" | tee "$OUT/map.txt" \
        || echo "   map check failed (see above)"
fi

# name|url|extra header
RUNS=(
    "api|/api/structures|"
    "static|$STATIC_URL|"
    "api-br|/api/structures|Accept-Encoding: br"
    "static-br|$STATIC_URL|Accept-Encoding: br"
    "home|/|"
)
declare -A RPS
SUMMARY="$OUT/summary.txt"
printf '%-10s %-36s %10s %10s %10s %10s %11s %8s %s\n' run url req/s p50 p99 max transfer/s non2xx socket-errors >"$SUMMARY"
for run in "${RUNS[@]}"; do
    IFS='|' read -r name url header <<<"$run"
    echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT $BASE$url ${header:+(-H '$header')}"
    args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency)
    [[ -n "$header" ]] && args+=(-H "$header")
    wrk "${args[@]}" "$BASE$url" | tee "$OUT/wrk-$name.txt"
    file="$OUT/wrk-$name.txt"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    p50=$(awk '$1 == "50%" {print $2}' "$file")
    p99=$(awk '$1 == "99%" {print $2}' "$file")
    max=$(awk '$1 == "Latency" {print $4; exit}' "$file")
    transfer=$(awk '/^Transfer\/sec:/ {print $2}' "$file")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$file")
    socket=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$file")
    RPS[$name]=$rps
    printf '%-10s %-36s %10s %10s %10s %10s %11s %8s %s\n' "$name" "$url${header:+ (${header#Accept-Encoding: })}" "$rps" "$p50" "$p99" "$max" \
        "$transfer" "${non2xx:-0}" "${socket:-none}" >>"$SUMMARY"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
{
    echo
    echo "API / static (plain):  $(ratio "${RPS[api]}" "${RPS[static]}")"
    echo "API / static (br):     $(ratio "${RPS[api-br]}" "${RPS[static-br]}")"
    echo "(wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT, $(nproc) cores, $(date -Iseconds))"
} >>"$SUMMARY"

echo
echo "== Summary (raw outputs in $OUT)"
cat "$SUMMARY"
