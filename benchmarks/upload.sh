#!/usr/bin/env bash
# Upload throughput and memory of the contribution form (/contribuer) on the real app (Kestrel, Release, Production):
# POSTs a generated 128 MB PDF-headed file (curl, multipart, token first) and reads the app process's resident memory
# (VmRSS) and its peak since start (VmHWM, « peak working set ») from /proc before and after. A streamed upload keeps
# both flat; a buffered one would add the file's size. Then the refusals: 128 MB + 1 byte, with a Content-Length
# (refused before reading) and chunked (read up to the limit, then refused).
#
#   benchmarks/upload.sh                   # PORT (5198), OUT (folder for the files and the app log), SIZE_MB (128)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=${TMPDIR:-/tmp}
PORT=${PORT:-5198}
SIZE_MB=${SIZE_MB:-128}
BASE="http://127.0.0.1:$PORT"
OUT=${OUT:-$TMP/pare-bench/upload-$(date +%Y%m%d-%H%M%S)}
WEB="$ROOT/src/PareNetwork.Web"
DATA="$OUT/data"

command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }
mkdir -p "$OUT" "$DATA"
cd "$ROOT"
if curl -s -o /dev/null --max-time 1 "$BASE/health"; then
    echo "Something already answers on $BASE: stop it or set PORT." >&2
    exit 1
fi

echo "== Building the app (Release)"
dotnet build -c Release --nologo -v quiet "$WEB" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
APP="$WEB/bin/Release/net10.0/PareNetwork.Web"

APP_PID=""
cleanup() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT INT TERM

echo "== Starting the app on $BASE (fresh database in $DATA; log: $OUT/app.log)"
ConnectionStrings__Pare="Data Source=$DATA/pare.db" ASPNETCORE_ENVIRONMENT=Production Pare__PublicUrl="$BASE" \
    "$APP" --contentRoot "$WEB" --urls "$BASE" >"$OUT/app.log" 2>&1 &
APP_PID=$!
for i in $(seq 1 240); do
    [[ "$(curl -s --max-time 2 "$BASE/health" || true)" == "Healthy" ]] && { echo "   healthy after ~$((i / 2)) s"; break; }
    kill -0 "$APP_PID" 2>/dev/null || { echo "The app stopped:" >&2; cat "$OUT/app.log" >&2; exit 1; }
    [[ $i == 240 ]] && { echo "The app did not become healthy in 120 s" >&2; exit 1; }
    sleep 0.5
done

memory() { awk '/^VmRSS|^VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$APP_PID/status"; }

# One submission: the token from a fresh GET (cookie jar), then the multipart POST, token first, file last.
submit() { # file, title, extra curl args…
    local file=$1 title=$2
    shift 2
    local jar="$OUT/cookies.txt"
    rm -f "$jar"
    local token
    token=$(curl -s -c "$jar" "$BASE/contribuer" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
    curl -s -b "$jar" -o "$OUT/response.html" "$@" \
        -w '%{http_code} %{time_total} %{speed_upload} %{size_upload}\n' \
        -F "__RequestVerificationToken=$token" \
        -F "Input.Kind=ressource" -F "Input.Title=$title" -F "Input.ResourceKind=rapport" \
        -F "Input.Author=Banc d'essai" -F "Input.Summary=Mesure de l'envoi d'un gros fichier." \
        -F "Submitter.Name=Banc d'essai" -F "Submitter.Email=banc@exemple.org" -F "Submitter.Consent=true" \
        -F "fichier=@$file;type=application/pdf;filename=rapport.pdf" \
        "$BASE/contribuer"
}

make_file() { # path, bytes
    printf '%%PDF-1.7\n' >"$1"
    head -c $(($2 - 9)) /dev/zero >>"$1"
}

SMALL="$OUT/small.pdf"; make_file "$SMALL" 4096
BIG="$OUT/big.pdf"; make_file "$BIG" $((SIZE_MB * 1024 * 1024))
OVER="$OUT/over.pdf"; make_file "$OVER" $((SIZE_MB * 1024 * 1024 + 1))

echo "== Warm-up (a 4 KB file)"
read -r code _ <<<"$(submit "$SMALL" "Échauffement")"
[[ "$code" == 302 ]] || { echo "warm-up answered $code" >&2; cat "$OUT/response.html" >&2; exit 1; }
echo "   before:  $(memory)"

echo "== $SIZE_MB MB PDF"
read -r code seconds speed bytes <<<"$(submit "$BIG" "Grand rapport")"
echo "   answer $code in ${seconds} s, $(awk -v s="$speed" 'BEGIN {printf "%.0f", s / 1048576}') MB/s, $bytes bytes sent"
echo "   after:   $(memory)"
stored=$(find "$DATA/uploads" -type f -size +$((SIZE_MB * 1024 - 1))k | head -1)
[[ "$code" == 302 && -n "$stored" ]] || { echo "the upload was not stored" >&2; exit 1; }
echo "   stored:  $stored ($(stat -c %s "$stored") bytes); nothing left in uploads.tmp: $(find "$DATA/uploads.tmp" -type f | wc -l) file(s)"

echo "== $SIZE_MB MB + 1 byte, with a Content-Length (refused before reading)"
read -r code seconds _ <<<"$(submit "$OVER" "Trop gros (longueur)")"
echo "   answer $code in ${seconds} s;  $(memory)"

echo "== $SIZE_MB MB + 1 byte, chunked (read up to the limit, then refused)"
read -r code seconds _ <<<"$(submit "$OVER" "Trop gros (morceaux)" -H "Transfer-Encoding: chunked")"
echo "   answer $code in ${seconds} s;  $(memory)"
echo "   files: uploads $(find "$DATA/uploads" -type f | wc -l), uploads.tmp $(find "$DATA/uploads.tmp" -type f | wc -l) (expected: 2 and 0)"
rm -f "$BIG" "$OVER"
