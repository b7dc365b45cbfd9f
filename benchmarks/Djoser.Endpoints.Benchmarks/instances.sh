#!/usr/bin/env bash
# Issue 12's figure: djoser's authenticated GET /auth/me/ (Authorization: Token) on PostgreSQL, one instance against
# two instances sharing the database and a Redis server (Djoser.Gen.Redis: every cached request checks the user's
# revocation version in Redis), in the same run. Three processes run side by side over one PostgreSQL database:
#   single  no Redis: the per-process cache, exact on one instance only       (wrk against it alone)
#   no-cache no Redis, Djoser:AuthTokenCacheDuration 0: one query per request (what "cache off" would cost)
#   redis-1 with Redis, one instance under load: the cost of the version check (wrk against it alone)
#   redis-2 the same two instances under load at once: the sum of both         (two wrk in parallel, half the connections each)
# On one machine the two instances share its cores, so redis-2 shows what a second instance costs, not what a second
# machine would add. See README.md ("Several instances").
#
# Settings (environment variables):
#   ROUNDS=3 DURATION=10s WARMUP=5s CONNECTIONS=16            wrk shape (two threads each, one per instance in redis-2)
#   POSTGRES="Host=127.0.0.1;Username=djoser;Password=djoser" a server whose user may create databases (.ci/run's role)
#   REDIS=127.0.0.1:6379                                      the Redis server
#   NO_BUILD=1                                                skip `dotnet build -c Release`
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-16}
POSTGRES=${POSTGRES:-${DJOSER_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=djoser;Password=djoser}}
REDIS=${REDIS:-127.0.0.1:6379}
PASSWORD="Quartz-Meadow-7-Lantern"
EMAIL="djoser@bench.invalid"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
die() { echo "instances.sh: $*" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is required (run.sh installs it)"
command -v curl >/dev/null 2>&1 || die "curl is required"
command -v redis-cli >/dev/null 2>&1 && { redis-cli -u "redis://$REDIS" ping >/dev/null 2>&1 || die "no Redis answers at $REDIS"; }

if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "== dotnet build -c Release"
    dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null || die "build failed"
fi
DLL="$HERE/bin/Release/net10.0/Djoser.Endpoints.Benchmarks.dll"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/djoser-instances.XXXXXX")"
DB_NAME="djoser_bench_$(date +%s)_$$"
DB="$POSTGRES;Database=$DB_NAME"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; kill -9 "$pid" 2>/dev/null || true; done
    # The seeding instance created the database; drop it with the server's own client when there is one.
    if command -v psql >/dev/null 2>&1; then
        PGPASSWORD="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$POSTGRES")" psql -q -h 127.0.0.1 \
            -U "$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$POSTGRES")" -d postgres \
            -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start() { # name seed extra-args...
    local name=$1 seed=$2; shift 2
    ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 DOTNET_TieredPGO=1 \
        dotnet "$DLL" --urls "http://127.0.0.1:0" --Benchmark:Provider=Postgres --Benchmark:ConnectionString="$DB" --Benchmark:Seed="$seed" \
            --Benchmark:Database="$WORK/bench.db" --Benchmark:AddressFile="$WORK/$name.address" \
            --Djoser:Email:PickupDirectory="$WORK/mail" "$@" >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 300); do
        [ -s "$WORK/$name.address" ] && return 0
        kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/$name.log" >&2; die "$name exited during start-up"; }
        sleep 0.2
    done
    die "$name did not start within 60 s"
}

echo "== starting three instances on PostgreSQL database $DB_NAME"
start single true
start nocache false --Djoser:AuthTokenCacheDuration=00:00:00
start redis-a false --ConnectionStrings:Redis="$REDIS" --Djoser:Redis:KeyPrefix="djoser-bench-$$:"
start redis-b false --ConnectionStrings:Redis="$REDIS" --Djoser:Redis:KeyPrefix="djoser-bench-$$:"
SINGLE="$(cat "$WORK/single.address")"; NOCACHE="$(cat "$WORK/nocache.address")"; A="$(cat "$WORK/redis-a.address")"; B="$(cat "$WORK/redis-b.address")"

TOKEN="$(curl -s --max-time 30 -X POST "$SINGLE/auth/token/create/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"auth_token":"\([0-9a-f]\{40\}\)".*/\1/p')"
[ -n "$TOKEN" ] || die "POST /auth/token/create/ gave no auth_token"
AUTH="Authorization: Token $TOKEN"
for base in "$SINGLE" "$NOCACHE" "$A" "$B"; do
    code="$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -H "$AUTH" "$base/auth/me/")"
    [ "$code" = 200 ] || die "GET $base/auth/me/ answered $code"
done

bench() { # duration connections url
    local out secs
    secs="${1%s}"
    out="$(timeout $((secs + 30)) wrk -t2 -c"$2" -d"$1" --timeout 10s -H "$AUTH" "$3/auth/me/")" || die "wrk failed on $3"
    # Any non-2xx answer or socket error fails the run (wrk's "timeout" counts only replies slower than 10 s).
    if grep -q "Non-2xx" <<<"$out" || grep -Eq "Socket errors: connect [1-9]|read [1-9]|write [1-9]|timeout [1-9]" <<<"$out"; then
        echo "$out" >&2; die "errors from $3"
    fi
    awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}
pair() { # duration: both Redis instances at once, half the connections each; prints the sum
    bench "$1" $((CONNECTIONS / 2)) "$A" >"$WORK/pa" & local p1=$!
    bench "$1" $((CONNECTIONS / 2)) "$B" >"$WORK/pb" & local p2=$!
    wait "$p1" "$p2" || die "wrk failed in the two-instance run"
    awk '{s += $1} END {printf "%.2f\n", s}' "$WORK/pa" "$WORK/pb"
}
median() { sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'; }

echo "== warm-up ($WARMUP each)"
bench "$WARMUP" "$CONNECTIONS" "$SINGLE" >/dev/null; bench "$WARMUP" "$CONNECTIONS" "$NOCACHE" >/dev/null; bench "$WARMUP" "$CONNECTIONS" "$A" >/dev/null; pair "$WARMUP" >/dev/null

echo "== $ROUNDS rounds of $DURATION each, wrk -c$CONNECTIONS"
S=(); N=(); R1=(); R2=()
for round in $(seq "$ROUNDS"); do
    s="$(bench "$DURATION" "$CONNECTIONS" "$SINGLE")"; n="$(bench "$DURATION" "$CONNECTIONS" "$NOCACHE")"; r1="$(bench "$DURATION" "$CONNECTIONS" "$A")"; r2="$(pair "$DURATION")"
    S+=("$s"); N+=("$n"); R1+=("$r1"); R2+=("$r2")
    printf '   round %d: single %9s   no-cache %9s   redis-1 %9s   redis-2 %9s req/s\n' "$round" "$s" "$n" "$r1" "$r2"
done
SM="$(printf '%s\n' "${S[@]}" | median)"; NM="$(printf '%s\n' "${N[@]}" | median)"; R1M="$(printf '%s\n' "${R1[@]}" | median)"; R2M="$(printf '%s\n' "${R2[@]}" | median)"
echo "== medians (PostgreSQL, GET /auth/me/, Token)"
echo "   one instance, per-process cache        $SM req/s"
echo "   one instance, no cache (a query each)  $NM req/s   ($(awk -v a="$NM" -v b="$SM" 'BEGIN {printf "%.2f", a / b}')x)"
echo "   one instance, Redis-checked cache      $R1M req/s   ($(awk -v a="$R1M" -v b="$SM" 'BEGIN {printf "%.2f", a / b}')x)"
echo "   two instances, Redis-checked cache     $R2M req/s   ($(awk -v a="$R2M" -v b="$SM" 'BEGIN {printf "%.2f", a / b}')x of one instance)"
