#!/usr/bin/env bash
# Authenticated GET throughput: djoser's GET /auth/me/ (Authorization: Token) against ASP.NET Core Identity's
# MapIdentityApi GET /identity/manage/info (Authorization: Bearer), same process, same database, same run.
# Goal: djoser >= 5x Identity's requests/s. See README.md.
#
# Settings (environment variables):
#   ROUNDS=3 DURATION=10s WARMUP=5s THREADS=2 CONNECTIONS=16   wrk shape; rounds alternate which API goes first
#   PROFILE=1                                                  also print the in-process cost breakdown (/bench/profile)
#   PROFILE_N=5000                                             calls per piece in that breakdown
#   LOG_SQL=1                                                  one request each with EF's SQL log, then the benchmark
#   POOL=1                                                     AddDbContextPool (0: plain AddDbContext, as the sample)
#   AUTH_CACHE=1                                               djoser's token cache at the library default (5 s);
#                                                              0: --Djoser:AuthTokenCacheDuration=00:00:00 (cache off)
#   JWT=1                                                      also GET /auth/me/ with "Authorization: JWT <access>"
#                                                              (Djoser:AuthenticationSchemes Token, Jwt), same run
#   NO_BUILD=1                                                 skip `dotnet build -c Release`
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
PROFILE=${PROFILE:-1}
PROFILE_N=${PROFILE_N:-5000}
LOG_SQL=${LOG_SQL:-0}
POOL=${POOL:-1}
AUTH_CACHE=${AUTH_CACHE:-1}
JWT=${JWT:-0}
PASSWORD="Quartz-Meadow-7-Lantern"
DJOSER_EMAIL="djoser@bench.invalid"
IDENTITY_EMAIL="identity@bench.invalid"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

die() { echo "run.sh: $*" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
    echo "== wrk not found: installing the Debian package"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || die "curl is required"

if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "== dotnet build -c Release"
    dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null || { dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly; die "build failed"; }
fi
DLL="$HERE/bin/Release/net10.0/Djoser.Endpoints.Benchmarks.dll"
[ -f "$DLL" ] || die "missing $DLL"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/djoser-bench.XXXXXX")"
APP_PID=""
cleanup() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting the app (Release, Server GC, loopback, free port)"
# AUTH_CACHE=1 leaves Djoser:AuthTokenCacheDuration at the library default; 0 turns the cache off.
CACHE_ARGS=()
case "$AUTH_CACHE" in
    1) ;;
    0) CACHE_ARGS=(--Djoser:AuthTokenCacheDuration=00:00:00) ;;
    *) die "AUTH_CACHE must be 0 or 1, not '$AUTH_CACHE'" ;;
esac
JWT_ARGS=()
if [ "$JWT" = 1 ]; then
    JWT_ARGS=(--Djoser:AuthenticationSchemes:0=Token --Djoser:AuthenticationSchemes:1=Jwt
        --Djoser:Jwt:SigningKey="bench-signing-key-$(date +%s)-0123456789abcdef0123456789" --Djoser:Jwt:AccessTokenLifetime=01:00:00
        --Benchmark:JwtTokens=true)
fi
# Kestrel picks a free port (:0) and the app writes the address it got to a file.
ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 DOTNET_TieredPGO=1 \
    dotnet "$DLL" --urls "http://127.0.0.1:0" \
        --Benchmark:Database="$WORK/bench.db" --Benchmark:AddressFile="$WORK/address" \
        --Benchmark:LogSql="$([ "$LOG_SQL" = 1 ] && echo true || echo false)" \
        --Benchmark:DbContextPool="$([ "$POOL" = 1 ] && echo true || echo false)" \
        "${CACHE_ARGS[@]}" "${JWT_ARGS[@]}" \
        --Djoser:Email:PickupDirectory="$WORK/mail" \
        >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 300); do
    [ -s "$WORK/address" ] && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; die "the app exited during start-up"; }
    sleep 0.2
done
[ -s "$WORK/address" ] || { cat "$WORK/app.log" >&2; die "the app did not start within 60 s"; }
BASE="$(cat "$WORK/address")"
case "$BASE" in http://127.0.0.1:*) ;; *) die "unexpected address '$BASE'";; esac
echo "   $BASE (pid $APP_PID)$([ "$POOL" = 1 ] || echo ', AddDbContext without pooling')$([ "$AUTH_CACHE" = 1 ] && echo ', djoser token cache on (library default)' || echo ', djoser token cache OFF')"

CURL=(curl -s --max-time 30)
DJOSER_TOKEN="$("${CURL[@]}" -X POST "$BASE/auth/token/create/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$DJOSER_EMAIL\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"auth_token":"\([0-9a-f]\{40\}\)".*/\1/p')"
[ -n "$DJOSER_TOKEN" ] || die "POST /auth/token/create/ gave no auth_token"
IDENTITY_TOKEN="$("${CURL[@]}" -X POST "$BASE/identity/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$IDENTITY_EMAIL\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
[ -n "$IDENTITY_TOKEN" ] || die "POST /identity/login gave no accessToken"

DJOSER_URL="$BASE/auth/me/"
DJOSER_AUTH="Authorization: Token $DJOSER_TOKEN"
IDENTITY_URL="$BASE/identity/manage/info"
IDENTITY_AUTH="Authorization: Bearer $IDENTITY_TOKEN"

check() { # name url header
    local code
    code="$("${CURL[@]}" -o "$WORK/body" -w '%{http_code}' -H "$3" "$2")"
    [ "$code" = 200 ] || die "$1: GET $2 answered $code, not 200: $(cat "$WORK/body")"
    echo "   $1: 200 $(cat "$WORK/body")"
}
echo "== checking both endpoints answer 200"
check djoser "$DJOSER_URL" "$DJOSER_AUTH"
check identity "$IDENTITY_URL" "$IDENTITY_AUTH"
if [ "$JWT" = 1 ]; then
    JWT_TOKEN="$("${CURL[@]}" "$BASE/bench/jwt?email=$DJOSER_EMAIL")"
    [ -n "$JWT_TOKEN" ] || die "GET /bench/jwt gave no access token"
    JWT_AUTH="Authorization: JWT $JWT_TOKEN"
    check djoser-jwt "$DJOSER_URL" "$JWT_AUTH"
fi

if [ "$LOG_SQL" = 1 ]; then
    # The app keeps its log open, so read what one request adds rather than truncating the file.
    sql_of() { # name url header
        local before
        sleep 0.5; before=$(wc -c <"$WORK/app.log")
        "${CURL[@]}" -o /dev/null -H "$3" "$2"; sleep 0.5
        echo "== SQL of one $1:"
        # A djoser request served from the token cache runs none.
        tail -c +$((before + 1)) "$WORK/app.log" | grep -v '^info:' || echo "   (no SQL)"
    }
    sql_of "GET /auth/me/" "$DJOSER_URL" "$DJOSER_AUTH"
    sql_of "GET /identity/manage/info" "$IDENTITY_URL" "$IDENTITY_AUTH"
    echo "   (the SQL log stays on for the runs below, which slows both APIs: use LOG_SQL=1 to read SQL, not figures)"
fi

# One wrk run; prints requests/s. Fails on non-2xx answers or socket errors.
bench() { # duration url header
    local out secs
    secs="${1%s}"
    out="$(timeout $((secs + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -H "$3" "$2")" || die "wrk failed on $2"
    if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; die "non-2xx answers from $2"; fi
    if grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; die "socket errors against $2"; fi
    awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'; }

echo "== warm-up ($WARMUP each)"
bench "$WARMUP" "$DJOSER_URL" "$DJOSER_AUTH" >/dev/null
bench "$WARMUP" "$IDENTITY_URL" "$IDENTITY_AUTH" >/dev/null
[ "$JWT" = 1 ] && bench "$WARMUP" "$DJOSER_URL" "$JWT_AUTH" >/dev/null

echo "== $ROUNDS rounds of $DURATION each, wrk -t$THREADS -c$CONNECTIONS, alternating which goes first"
DJOSER_RPS=(); IDENTITY_RPS=(); JWT_RPS=()
for round in $(seq "$ROUNDS"); do
    j=""
    if [ $((round % 2)) = 1 ]; then
        d="$(bench "$DURATION" "$DJOSER_URL" "$DJOSER_AUTH")"; i="$(bench "$DURATION" "$IDENTITY_URL" "$IDENTITY_AUTH")"
        [ "$JWT" = 1 ] && j="$(bench "$DURATION" "$DJOSER_URL" "$JWT_AUTH")"
    else
        [ "$JWT" = 1 ] && j="$(bench "$DURATION" "$DJOSER_URL" "$JWT_AUTH")"
        i="$(bench "$DURATION" "$IDENTITY_URL" "$IDENTITY_AUTH")"; d="$(bench "$DURATION" "$DJOSER_URL" "$DJOSER_AUTH")"
    fi
    DJOSER_RPS+=("$d"); IDENTITY_RPS+=("$i"); [ -n "$j" ] && JWT_RPS+=("$j")
    printf '   round %d: djoser %10s req/s   identity %10s req/s%s\n' "$round" "$d" "$i" "${j:+   djoser-jwt $j req/s}"
done

DJOSER_MEDIAN="$(printf '%s\n' "${DJOSER_RPS[@]}" | median)"
IDENTITY_MEDIAN="$(printf '%s\n' "${IDENTITY_RPS[@]}" | median)"
RATIO="$(awk -v d="$DJOSER_MEDIAN" -v i="$IDENTITY_MEDIAN" 'BEGIN {printf "%.2f", d / i}')"
echo "== medians"
echo "   djoser   GET /auth/me/              $DJOSER_MEDIAN req/s"
echo "   identity GET /identity/manage/info  $IDENTITY_MEDIAN req/s"
echo "   ratio djoser/identity               ${RATIO}x   (goal: >= 5x)"
if [ "$JWT" = 1 ]; then
    JWT_MEDIAN="$(printf '%s\n' "${JWT_RPS[@]}" | median)"
    echo "   djoser   GET /auth/me/ (JWT access)  $JWT_MEDIAN req/s"
    echo "   ratio JWT/Token                     $(awk -v j="$JWT_MEDIAN" -v d="$DJOSER_MEDIAN" 'BEGIN {printf "%.2f", j / d}')x"
    echo "   ratio JWT/identity                  $(awk -v j="$JWT_MEDIAN" -v i="$IDENTITY_MEDIAN" 'BEGIN {printf "%.2f", j / i}')x"
fi

if [ "$PROFILE" = 1 ]; then
    echo "== in-process cost of the pieces (microseconds per call, one thread, $PROFILE_N calls each)"
    "${CURL[@]}" --max-time 120 "$BASE/bench/profile?n=$PROFILE_N" -H "X-Djoser-Token: $DJOSER_TOKEN" -H "X-Identity-Token: $IDENTITY_TOKEN" \
        | sed -n 's/^ *"\([a-zA-Z_0-9]*\)": \([0-9.]*\),\{0,1\}$/   \1 \2/p'
fi

if awk -v r="$RATIO" 'BEGIN {exit !(r >= 5)}'; then echo "== goal met"; else echo "== goal NOT met (${RATIO}x < 5x)"; fi
