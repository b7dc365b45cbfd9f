#!/usr/bin/env bash
# Issue 13 in one run: djoser's hot path, login, registration, start-up and memory, each against its ceiling or
# ASP.NET Core Identity's MapIdentityApi, measured in alternating rounds on one machine. See README.md.
#
#   hot path   GET /bench/bare (same process, no auth: the ceiling), GET /auth/me/ with the token cache on,
#              the same with it off (a second instance), with the cache checked against Redis revocation versions (a
#              third instance, AddDjoserRedis: what several instances get), JWT GET /auth/me/, MapIdentityApi GET /identity/manage/info
#   login      POST /auth/token/create/ and POST /identity/login, against the hash-bound rate: cores / the PBKDF2
#              verification time, measured in the same process (GET /bench/hash) in every round
#   register   POST /auth/users/create/ and POST /identity/register, against cores / the PBKDF2 hashing time
#   start-up   samples/Djoser.Sample against benchmarks/Djoser.Reference.IdentityApi (Production, fresh database), with
#              migrations at start and with the database migrated beforehand (`<app> migrate`): median of STARTS cold
#              starts each, alternating, to the first answer and to the first authenticated 200 (register, log in, GET)
#   memory     VmRSS of the same two processes after LOAD of authenticated GETs (and at their first 200, before it):
#              median of MEMORY_STARTS further cold starts each, alternating; on SQLite also of benchmarks/Djoser.ReadmeApp,
#              the README's app (djoser alone, as MapIdentityApi is alone in the reference), held to the reference
#              started with EF's check of the model against the migrations (Database:CheckModelChanges=true), which
#              the README's app keeps and the samples and the reference skip outside Development
#
# Settings (environment variables):
#   QUICK=1                     ~1 min: ROUNDS=1 DURATION=2s WARMUP=1s STARTS=3
#   ROUNDS=3 DURATION=5s WARMUP=2s THREADS=2 CONNECTIONS=16 LOGIN_CONNECTIONS=4   wrk shape
#   HASH_WARMUP=30s             warm-up of each login and registration row: at their ~20 requests/s the tiered JIT
#                               takes tens of seconds to finish recompiling their path, work a shorter warm-up would
#                               count as theirs (seen with perf: 14 % of the process's CPU in libclrjit after 10 s)
#   STARTS=5 LOAD=4s            cold starts per app; load before reading RSS
#   MEMORY_STARTS=5             cold starts per app for the memory figures (one start's RSS after load moved by ±8 MB)
#   HASH_N=10                   verifications (and hashes) timed per round by /bench/hash
#   DATABASE=Sqlite|Postgres    PostgreSQL: POSTGRES="Host=…;Username=…;Password=…" (a database per app is created)
#   BASELINE=file               ratios to compare with (default: baseline-<database>.txt next to this script)
#   TOLERANCE=0.15              a ratio worse than the baseline's by more than this fraction is a regression (exit 1)
#   UPDATE_BASELINE=1           write this run's ratios as the new baseline
#   STRICT=1                    also exit 1 when a goal is not met
#   PROFILE=1 PROFILE_N=5000    also print the in-process cost breakdown (/bench/profile) of both instances
#   NO_BUILD=1                  skip `dotnet build -c Release`
#   READY_TO_RUN=1              start-up and memory of both apps as published ReadyToRun (precompiled) instead of the build
#   DBCONTEXT_POOL=0            the benchmark app registers its DbContext with plain AddDbContext (default: AddDbContextPool,
#                               as the samples do)
#   REDIS=host:port             the Redis of the shared-cache instance (default: a private redis-server on a free port
#                               when the command exists; without Redis the row me_shared is left out)
#   PARTS="hot startup"         the parts to run: hot (hot path, login, registration) and startup (start-up, memory);
#                               checks of a part not run are left out (and out of the regression comparison)
set -euo pipefail

if [ "${QUICK:-0}" = 1 ]; then
    : "${ROUNDS:=1}" "${DURATION:=2s}" "${WARMUP:=1s}" "${HASH_WARMUP:=5s}" "${STARTS:=3}"
fi
HASH_WARMUP=${HASH_WARMUP:-30s}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-2s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
LOGIN_CONNECTIONS=${LOGIN_CONNECTIONS:-4}
STARTS=${STARTS:-5}
LOAD=${LOAD:-4s}
MEMORY_STARTS=${MEMORY_STARTS:-5}
HASH_N=${HASH_N:-10}
DATABASE=${DATABASE:-Sqlite}
TOLERANCE=${TOLERANCE:-0.15}
PROFILE=${PROFILE:-0}
PROFILE_N=${PROFILE_N:-5000}
PASSWORD="Quartz-Meadow-7-Lantern"
DJOSER_EMAIL="djoser@bench.invalid"
IDENTITY_EMAIL="identity@bench.invalid"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BASELINE=${BASELINE:-$HERE/baseline-$(tr '[:upper:]' '[:lower:]' <<<"$DATABASE").txt}

die() { echo "run.sh: $*" >&2; exit 2; }

case "$DATABASE" in
    Sqlite) ;;
    Postgres) [ -n "${POSTGRES:-}" ] || die "DATABASE=Postgres needs POSTGRES=\"Host=…;Username=…;Password=…\"" ;;
    *) die "DATABASE must be Sqlite or Postgres, not '$DATABASE'" ;;
esac

if ! command -v wrk >/dev/null 2>&1; then
    echo "== wrk not found: installing the Debian package"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || die "curl is required"
command -v python3 >/dev/null 2>&1 || die "python3 is required (free ports)"

BENCH_DIR="$HERE/bin/Release/net10.0"
SAMPLE_DIR="$ROOT/samples/Djoser.Sample/bin/Release/net10.0"
REFERENCE_DIR="$ROOT/benchmarks/Djoser.Reference.IdentityApi/bin/Release/net10.0"
README_APP_DIR="$ROOT/benchmarks/Djoser.ReadmeApp/bin/Release/net10.0"
if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "== dotnet build -c Release (benchmark app, sample, reference app, README's app)"
    for project in "$HERE" "$ROOT/samples/Djoser.Sample" "$ROOT/benchmarks/Djoser.Reference.IdentityApi" "$ROOT/benchmarks/Djoser.ReadmeApp"; do
        dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null \
            || { dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly; die "build of $project failed"; }
    done
fi
for dll in "$BENCH_DIR/Djoser.Endpoints.Benchmarks.dll" "$SAMPLE_DIR/Djoser.Sample.dll" "$REFERENCE_DIR/Djoser.Reference.IdentityApi.dll" \
    "$README_APP_DIR/Djoser.ReadmeApp.dll"; do
    [ -f "$dll" ] || die "missing $dll"
done

PARTS=${PARTS:-hot startup}
part() { [[ " $PARTS " == *" $1 "* ]]; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/djoser-bench.XXXXXX")"
PIDS=()
stop() { # pid
    kill "$1" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
cleanup() {
    for pid in "${PIDS[@]}"; do stop "$pid"; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CURL=(curl -s --max-time 30)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 == 0) print "0.00"; else printf "%.2f", a / b}'; }
# CPU time a process has used, in ms (user + system, from /proc/<pid>/stat). On a shared machine it is the steadier
# measure: other processes delay this one's work but hardly add to it.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz}' "/proc/$1/stat"; }

# Database arguments of one app: a fresh SQLite file or a fresh PostgreSQL database named after it.
db_args() { # name connection-string-key provider-key
    if [ "$DATABASE" = Sqlite ]; then
        echo "--$2=Data Source=$WORK/$1.db"
    else
        echo "--$2=$POSTGRES;Database=$(pg_name "$1")"
        echo "--$3=Postgres"
    fi
}
drop_db() { # name (PostgreSQL: the apps create their database; drop it when done)
    [ "$DATABASE" = Postgres ] || return 0
    command -v psql >/dev/null 2>&1 || return 0
    psql -q -X "$(pg_dsn postgres)" -c "DROP DATABASE IF EXISTS \"$(pg_name "$1")\" WITH (FORCE);" >/dev/null 2>&1 || true
}
# libpq's form of $POSTGRES (Npgsql's Key=Value;… string) for psql, on database $1.
pg_dsn() {
    python3 - "$POSTGRES" "$1" <<'PY'
import sys
parts = {k.strip().lower(): v for k, v in (p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)}
print(f"host={parts.get('host', 'localhost')} port={parts.get('port', '5432')} user={parts.get('username', 'postgres')} "
      f"password={parts.get('password', '')} dbname={sys.argv[2]}")
PY
}
# A database name of this run: the process id keeps a database left by an interrupted run from being reused.
pg_name() { echo "djoser_bench_$$_$1"; }

# ---------------------------------------------------------------------------------------------------------------
# The benchmark app, twice: A with djoser's token cache at its default (5 s), B with it off (the uncached path).
start_bench() { # name extra-args...
    local name="$1"; shift
    local -a db=()
    [ "$DATABASE" = Postgres ] && mapfile -t db < <(db_args "bench_$name" Benchmark:ConnectionString Benchmark:Provider)
    ASPNETCORE_ENVIRONMENT=Production \
        dotnet "$BENCH_DIR/Djoser.Endpoints.Benchmarks.dll" --urls "http://127.0.0.1:0" --contentRoot "$BENCH_DIR" \
            --Benchmark:Database="$WORK/bench_$name.db" "${db[@]}" --Benchmark:AddressFile="$WORK/address_$name" \
            --Djoser:Email:PickupDirectory="$WORK/mail_$name" --Benchmark:DbContextPool="$([ "${DBCONTEXT_POOL:-1}" = 0 ] && echo false || echo true)" \
            "$@" >"$WORK/app_$name.log" 2>&1 &
    PIDS+=($!)
    eval "PID_$name=$!"
}
wait_address() { # name pid
    for _ in $(seq 300); do
        [ -s "$WORK/address_$1" ] && { cat "$WORK/address_$1"; return; }
        kill -0 "$2" 2>/dev/null || { cat "$WORK/app_$1.log" >&2; die "benchmark app $1 exited during start-up"; }
        sleep 0.2
    done
    cat "$WORK/app_$1.log" >&2; die "benchmark app $1 did not start within 60 s"
}

if part hot; then
echo "== starting the benchmark app twice (Release, Server GC, $DATABASE): A token cache on (default 5 s), B cache off"
SIGNING_KEY="bench-signing-key-$(date +%s)-0123456789abcdef0123456789"
start_bench A --Djoser:AuthenticationSchemes:0=Token --Djoser:AuthenticationSchemes:1=Jwt \
    --Djoser:Jwt:SigningKey="$SIGNING_KEY" --Djoser:Jwt:AccessTokenLifetime=01:00:00
start_bench B --Djoser:AuthTokenCacheDuration=00:00:00
# C: the cache on, each hit checked against the user's revocation version in Redis (issue 12's several instances).
SHARED=0
if [ -z "${REDIS:-}" ] && command -v redis-server >/dev/null 2>&1; then
    REDIS_PORT="$(free_port)"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
    PID_REDIS=$!
    PIDS+=("$PID_REDIS")
    REDIS="127.0.0.1:$REDIS_PORT"
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.1; done
fi
if [ -n "${REDIS:-}" ]; then
    start_bench C --ConnectionStrings:Redis="$REDIS"
    SHARED=1
fi
BASE_A="$(wait_address A "$PID_A")"
BASE_B="$(wait_address B "$PID_B")"
echo "   A $BASE_A (pid $PID_A)   B $BASE_B (pid $PID_B)"
if [ "$SHARED" = 1 ]; then
    BASE_C="$(wait_address C "$PID_C")"
    echo "   C $BASE_C (pid $PID_C), Redis $REDIS"
else
    echo "   (no Redis: REDIS unset and no redis-server; the shared-cache row is left out)"
fi

djoser_token() { # base
    "${CURL[@]}" -X POST "$1/auth/token/create/" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$DJOSER_EMAIL\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"auth_token":"\([0-9a-f]\{40\}\)".*/\1/p'
}
TOKEN_A="$(djoser_token "$BASE_A")"; [ -n "$TOKEN_A" ] || die "A: POST /auth/token/create/ gave no auth_token"
TOKEN_B="$(djoser_token "$BASE_B")"; [ -n "$TOKEN_B" ] || die "B: POST /auth/token/create/ gave no auth_token"
if [ "$SHARED" = 1 ]; then TOKEN_C="$(djoser_token "$BASE_C")"; [ -n "$TOKEN_C" ] || die "C: POST /auth/token/create/ gave no auth_token"; fi
IDENTITY_TOKEN="$("${CURL[@]}" -X POST "$BASE_A/identity/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$IDENTITY_EMAIL\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
[ -n "$IDENTITY_TOKEN" ] || die "A: POST /identity/login gave no accessToken"
# V1's JWT is drf-jwt's: POST /auth/jwt/create/ answers {"token": …}, sent back as "Authorization: JWT <token>".
JWT_TOKEN="$("${CURL[@]}" -X POST "$BASE_A/auth/jwt/create/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$DJOSER_EMAIL\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
[ -n "$JWT_TOKEN" ] || die "A: POST /auth/jwt/create/ gave no token"

# Each measurement: name | method | url | header | wrk script or "" | connections
LOGIN_DJOSER="$WORK/login_djoser.lua"; LOGIN_IDENTITY="$WORK/login_identity.lua"
for pair in "$LOGIN_DJOSER:$DJOSER_EMAIL" "$LOGIN_IDENTITY:$IDENTITY_EMAIL"; do
    cat >"${pair%%:*}" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"${pair#*:}","password":"$PASSWORD"}'
EOF
done
# Registration: a new address on every request (a per-call prefix, the wrk thread and a counter).
register_script() { # file prefix
    cat >"$1" <<EOF
local counter = 0
local thread_id = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("thread_id", threads) end
function init(args) thread_id = tonumber(wrk.thread:get("thread_id")) or 0 end
function request()
    counter = counter + 1
    local body = string.format('{"email":"$2-%d-%d@bench.invalid","password":"$PASSWORD"}', thread_id, counter)
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
EOF
}

declare -A URL HEADER SCRIPT CONNS SERVER
add() { URL[$1]="$2"; HEADER[$1]="$3"; SCRIPT[$1]="$4"; CONNS[$1]="$5"; SERVER[$1]="$PID_A"; }
add bare            "$BASE_A/bench/bare"            "Accept: application/json"           "" "$CONNECTIONS"
add me_cached       "$BASE_A/auth/me/"              "Authorization: Token $TOKEN_A"      "" "$CONNECTIONS"
add me_uncached     "$BASE_B/auth/me/"              "Authorization: Token $TOKEN_B"      "" "$CONNECTIONS"
add me_jwt          "$BASE_A/auth/me/"              "Authorization: JWT $JWT_TOKEN"      "" "$CONNECTIONS"
add identity_info   "$BASE_A/identity/manage/info"  "Authorization: Bearer $IDENTITY_TOKEN" "" "$CONNECTIONS"
add login_djoser    "$BASE_A/auth/token/create/"    "Accept: application/json"           "$LOGIN_DJOSER" "$LOGIN_CONNECTIONS"
add login_identity  "$BASE_A/identity/login"        "Accept: application/json"           "$LOGIN_IDENTITY" "$LOGIN_CONNECTIONS"
add register_djoser   "$BASE_A/auth/users/create/"  "Accept: application/json"           "register" "$LOGIN_CONNECTIONS"
add register_identity "$BASE_A/identity/register"   "Accept: application/json"           "register" "$LOGIN_CONNECTIONS"
SERVER[me_uncached]="$PID_B"
GETS=(bare me_cached me_uncached me_jwt identity_info)
ORDER=(bare me_cached me_uncached me_jwt identity_info login_djoser login_identity register_djoser register_identity)
if [ "$SHARED" = 1 ]; then
    add me_shared   "$BASE_C/auth/me/"              "Authorization: Token $TOKEN_C"      "" "$CONNECTIONS"
    SERVER[me_shared]="$PID_C"
    GETS+=(me_shared)
    ORDER=(bare me_cached me_shared "${ORDER[@]:2}")
fi

echo "== checking the GETs answer 200"
for name in "${GETS[@]}"; do
    code="$("${CURL[@]}" -o "$WORK/body" -w '%{http_code}' -H "${HEADER[$name]}" "${URL[$name]}")"
    [ "$code" = 200 ] || die "$name: GET ${URL[$name]} answered $code, not 200: $(cat "$WORK/body")"
    printf '   %-14s 200 %s\n' "$name" "$(head -c 100 "$WORK/body")"
done

# One wrk run; prints requests/s, the server's CPU µs per request and the bytes it allocated per request (its
# GET /bench/allocated before and after). Fails on non-2xx answers or socket errors. (It runs in a subshell: a prefix made of
# the clock keeps every registration run's addresses new.)
bench() { # duration name
    local out secs script="${SCRIPT[$2]}" args=() stamp
    secs="${1%s}"
    if [ "$script" = register ]; then
        stamp="$(date +%s%N)"
        script="$WORK/register_$2_$stamp.lua"
        register_script "$script" "r$stamp-$2"
    fi
    [ -n "$script" ] && args=(-s "$script")
    local pid="${SERVER[$2]}" cpu0 alloc0 origin
    origin="$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"${URL[$2]}")"
    alloc0="$("${CURL[@]}" "$origin/bench/allocated")"
    cpu0="$(cpu_ms "$pid")"
    out="$(timeout $((secs + 30)) wrk -t"$THREADS" -c"${CONNS[$2]}" -d"$1" --timeout 10s "${args[@]}" -H "${HEADER[$2]}" "${URL[$2]}")" \
        || die "wrk failed on $2"
    if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; die "non-2xx answers from $2 (${URL[$2]})"; fi
    if grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; die "socket errors against $2 (${URL[$2]})"; fi
    local cpu=$(( $(cpu_ms "$pid") - cpu0 )) alloc=$(( $("${CURL[@]}" "$origin/bench/allocated") - alloc0 ))
    awk -v cpu="$cpu" -v alloc="$alloc" '/ requests in / {n = $1} /^Requests\/sec:/ {r = $2} END {if (n + 0 == 0) print r, 0, 0; else printf "%s %.1f %.0f\n", r, cpu * 1000 / n, alloc / n}' <<<"$out"
}
hash_times() { # prints "verify_us hash_us cores verify_cpu_us hash_cpu_us parallel_verify_per_s parallel_hash_per_s"
    "${CURL[@]}" --max-time 240 "$BASE_A/bench/hash?n=$HASH_N" \
        | sed -n 's/.*"verify_us":\([0-9.]*\).*"hash_us":\([0-9.]*\).*"cores":\([0-9]*\).*"verify_cpu_us":\([0-9.]*\).*"hash_cpu_us":\([0-9.]*\).*"parallel_verify_per_s":\([0-9.]*\).*"parallel_hash_per_s":\([0-9.]*\).*/\1 \2 \3 \4 \5 \6 \7/p'
}

echo "== warm-up ($WARMUP each; login and registration $HASH_WARMUP each, until the JIT has recompiled their path)"
for name in "${ORDER[@]}"; do
    case "$name" in login_*|register_*) bench "$HASH_WARMUP" "$name" >/dev/null;; *) bench "$WARMUP" "$name" >/dev/null;; esac
done

echo "== $ROUNDS rounds of $DURATION each, wrk -t$THREADS -c$CONNECTIONS (login, register: -c$LOGIN_CONNECTIONS), order reversed every other round"
declare -A RESULTS CPU ALLOC
VERIFY=(); HASH=(); VERIFY_CPU=(); HASH_CPU=(); PARALLEL_VERIFY=(); PARALLEL_HASH=(); CORES=1
for round in $(seq "$ROUNDS"); do
    order=("${ORDER[@]}")
    if [ $((round % 2)) = 0 ]; then
        order=(); for ((i = ${#ORDER[@]} - 1; i >= 0; i--)); do order+=("${ORDER[$i]}"); done
    fi
    read -r v h CORES vc hc pv ph <<<"$(hash_times)"
    [ -n "${ph:-}" ] || die "GET /bench/hash gave no timing"
    VERIFY+=("$v"); HASH+=("$h"); VERIFY_CPU+=("$vc"); HASH_CPU+=("$hc"); PARALLEL_VERIFY+=("$pv"); PARALLEL_HASH+=("$ph")
    line="   round $round: hash verify ${v} µs (CPU $vc), hash ${h} µs (CPU $hc)"
    for name in "${order[@]}"; do
        read -r rps cpu alloc <<<"$(bench "$DURATION" "$name")"
        RESULTS[$name]+="$rps "; CPU[$name]+="$cpu "; ALLOC[$name]+="$alloc "
        line+="; $name $rps ($cpu µs, $alloc B)"
    done
    echo "$line"
done
med() { tr ' ' '\n' <<<"${RESULTS[$1]}" | grep . | median; }
declare -A M C A
for name in "${ORDER[@]}"; do
    M[$name]="$(med "$name")"
    C[$name]="$(tr ' ' '\n' <<<"${CPU[$name]}" | grep . | median)"
    A[$name]="$(tr ' ' '\n' <<<"${ALLOC[$name]}" | grep . | median)"
done
VERIFY_US="$(printf '%s\n' "${VERIFY[@]}" | median)"
HASH_US="$(printf '%s\n' "${HASH[@]}" | median)"
VERIFY_CPU_US="$(printf '%s\n' "${VERIFY_CPU[@]}" | median)"
HASH_CPU_US="$(printf '%s\n' "${HASH_CPU[@]}" | median)"
LOGIN_BOUND="$(awk -v c="$CORES" -v us="$VERIFY_US" 'BEGIN {printf "%.1f", c * 1e6 / us}')"
REGISTER_BOUND="$(awk -v c="$CORES" -v us="$HASH_US" 'BEGIN {printf "%.1f", c * 1e6 / us}')"
# The parallel ceiling: one thread per core hashing at once in the same process (hyperthreads do not double the rate).
LOGIN_PARALLEL="$(printf '%s\n' "${PARALLEL_VERIFY[@]}" | median)"
REGISTER_PARALLEL="$(printf '%s\n' "${PARALLEL_HASH[@]}" | median)"

if [ "$PROFILE" = 1 ]; then
    for instance in A B; do
        base="BASE_$instance"; token="TOKEN_$instance"
        echo "== in-process cost of the pieces, instance $instance (µs per call, one thread, $PROFILE_N calls each)"
        "${CURL[@]}" --max-time 300 "${!base}/bench/profile?n=$PROFILE_N" -H "X-Djoser-Token: ${!token}" -H "X-Identity-Token: $IDENTITY_TOKEN" \
            | sed -n 's/^ *"\([a-zA-Z_0-9]*\)": \([0-9.]*\),\{0,1\}$/   \1 \2/p'
    done
fi
for instance in A B C; do pid="PID_$instance"; [ -n "${!pid:-}" ] || continue; stop "${!pid}"; drop_db "bench_$instance"; done
[ -n "${PID_REDIS:-}" ] && stop "$PID_REDIS"
PIDS=()
fi

if part startup; then
# ---------------------------------------------------------------------------------------------------------------
# READY_TO_RUN=1: both apps published the way a deployment would (`dotnet publish -r <rid> -p:PublishReadyToRun=true`,
# framework-dependent), so neither JIT-compiles its libraries at start.
if [ "${READY_TO_RUN:-0}" = 1 ]; then
    RID="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
    echo "== dotnet publish -c Release -r $RID -p:PublishReadyToRun=true (sample, reference app, README's app)"
    for pair in "$ROOT/samples/Djoser.Sample:sample" "$ROOT/benchmarks/Djoser.Reference.IdentityApi:reference" \
        "$ROOT/benchmarks/Djoser.ReadmeApp:readme"; do
        dotnet publish "${pair%%:*}" -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$WORK/publish_${pair##*:}" \
            --nologo -v quiet -clp:ErrorsOnly >/dev/null || die "publish of ${pair%%:*} failed"
    done
    SAMPLE_DIR="$WORK/publish_sample"; REFERENCE_DIR="$WORK/publish_reference"; README_APP_DIR="$WORK/publish_readme"
fi
# Start-up and memory: the sample and the reference app, cold, each on a fresh database.
# app: dir dll me-url register-url login-url token-regex auth-prefix extra-registration-fields
APP_sample=("$SAMPLE_DIR" Djoser.Sample.dll /auth/me/ /auth/users/create/ /auth/token/create/ '"auth_token":"\([0-9a-f]\{40\}\)"' "Token"
    ',"first_name":"Bench","last_name":"Start"')
APP_reference=("$REFERENCE_DIR" Djoser.Reference.IdentityApi.dll /identity/manage/info /identity/register /identity/login '"accessToken":"\([^"]*\)"' "Bearer" '')
# The README's app, SQLite only as printed; its activation e-mails are off and its pickup folder is set below.
APP_readme=("$README_APP_DIR" Djoser.ReadmeApp.dll /auth/me/ /auth/users/create/ /auth/token/create/ '"auth_token":"\([0-9a-f]\{40\}\)"' "Token"
    ',"first_name":"Bench","last_name":"Start"')
# The reference again with EF's own check of the model against the migrations at every migrating start, which the
# README's app keeps (it migrates as EF does) and the reference, like the sample, skips outside Development.
APP_refcheck=("${APP_reference[@]}")
START_N=0
# The sample's production set-up encrypts its data-protection keys at rest with a certificate: one made for this run.
if command -v openssl >/dev/null 2>&1; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/bench.key" -out "$WORK/bench.crt" -days 2 -subj "/CN=djoser-bench" 2>/dev/null
    openssl pkcs12 -export -out "$WORK/bench.pfx" -inkey "$WORK/bench.key" -in "$WORK/bench.crt" -passout pass:bench
    CERTIFICATE_ARGS=(--Djoser:DataProtection:CertificatePath="$WORK/bench.pfx" --Djoser:DataProtection:CertificatePassword=bench)
else
    echo "   (openssl not found: the sample's keys are stored unencrypted, Djoser:DataProtection:AllowUnprotectedKeys=true)"
    CERTIFICATE_ARGS=(--Djoser:DataProtection:AllowUnprotectedKeys=true)
fi
# Starts one app cold and takes it to its first authenticated 200; sets READY_MS, FIRST_MS, APP_PID, APP_BASE, APP_TOKEN.
# mode "migrating": the app migrates a fresh database as it starts (the samples' default); "migrated": `<app> migrate`
# has brought a fresh database up to date beforehand (untimed, as a deployment step) and the app starts with
# Database:MigrateAtStart=false.
cold_start() { # app mode
    local -n app="APP_$1"
    local port t0 code email db_name
    START_N=$((START_N + 1))
    db_name="$1_$START_N"
    port="$(free_port)"
    APP_BASE="http://127.0.0.1:$port"
    local -a db extra=()
    mapfile -t db < <(db_args "$db_name" ConnectionStrings:Default Database:Provider)
    # The sample registers users inactive until they follow the activation e-mail; the script logs in at once.
    # Outside Development it keeps its data-protection keys encrypted with a certificate (Djoser:DataProtection).
    [ "$1" = sample ] && extra=(--Djoser:SendActivationEmail=false --Djoser:Email:PickupDirectory="$WORK/mail_$db_name"
        "${CERTIFICATE_ARGS[@]}")
    [ "$1" = readme ] && extra=(--Djoser:Email:PickupDirectory="$WORK/mail_$db_name")
    [ "$1" = refcheck ] && extra=(--Database:CheckModelChanges=true)
    if [ "${2:-migrating}" = migrated ]; then
        (cd "${app[0]}" && ASPNETCORE_ENVIRONMENT=Production dotnet "${app[1]}" migrate "${db[@]}" "${extra[@]}" >"$WORK/$db_name.migrate.log" 2>&1) \
            || { cat "$WORK/$db_name.migrate.log" >&2; die "$1 migrate failed"; }
        extra+=(--Database:MigrateAtStart=false)
    fi
    t0="$(now_ms)"
    (cd "${app[0]}" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "${app[1]}" --urls "$APP_BASE" "${db[@]}" "${extra[@]}" \
        >"$WORK/$db_name.log" 2>&1) &
    APP_PID=$!
    PIDS+=("$APP_PID")
    for _ in $(seq 3000); do
        code="$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$APP_BASE${app[2]}" || true)"
        [ "$code" != 000 ] && break
        kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/$db_name.log" >&2; die "$1 exited during start-up"; }
        sleep 0.01
    done
    [ "$code" = 401 ] || { cat "$WORK/$db_name.log" >&2; die "$1: unauthenticated GET ${app[2]} answered $code, not 401"; }
    READY_MS=$(( $(now_ms) - t0 ))
    email="start$START_N@bench.invalid"
    code="$("${CURL[@]}" -o "$WORK/body" -w '%{http_code}' -X POST "$APP_BASE${app[3]}" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"$PASSWORD\"${app[7]}}")"
    case "$code" in 200|201) ;; *) die "$1: registration answered $code: $(cat "$WORK/body")";; esac
    APP_TOKEN="$("${CURL[@]}" -X POST "$APP_BASE${app[4]}" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" | sed -n "s/.*${app[5]}.*/\\1/p")"
    [ -n "$APP_TOKEN" ] || die "$1: login gave no token"
    code="$("${CURL[@]}" -o "$WORK/body" -w '%{http_code}' -H "Authorization: ${app[6]} $APP_TOKEN" "$APP_BASE${app[2]}")"
    [ "$code" = 200 ] || die "$1: GET ${app[2]} answered $code, not 200: $(cat "$WORK/body")"
    FIRST_MS=$(( $(now_ms) - t0 ))
    FIRST_CPU_MS="$(cpu_ms "$APP_PID")"
}
finish_app() { # name
    stop "$APP_PID"; PIDS=(); drop_db "$1_$START_N"
}

echo "== start-up: $STARTS cold starts of each app and mode, alternating (Production, fresh $DATABASE database;"
echo "   migrating: migrations applied at start; migrated: applied beforehand by '<app> migrate', MigrateAtStart=false)"
declare -A READY FIRST FIRST_CPU
for start in $(seq "$STARTS"); do
    pair=(sample reference); [ $((start % 2)) = 0 ] && pair=(reference sample)
    line="   start $start:"
    for mode in migrating migrated; do
        for app in "${pair[@]}"; do
            cold_start "$app" "$mode"
            READY[$app.$mode]+="$READY_MS "; FIRST[$app.$mode]+="$FIRST_MS "; FIRST_CPU[$app.$mode]+="$FIRST_CPU_MS "
            line+=" $app $mode ready ${READY_MS} ms, first 200 ${FIRST_MS} ms (CPU ${FIRST_CPU_MS} ms);"
            finish_app "$app"
        done
    done
    echo "$line"
done

MEMORY_APPS=(sample reference); [ "$DATABASE" = Sqlite ] && MEMORY_APPS+=(readme refcheck)
echo "== memory: VmRSS at the first 200 and after $LOAD of GET with $CONNECTIONS connections ($MEMORY_STARTS more cold starts each"
echo "   of ${MEMORY_APPS[*]}, in turns)"
declare -A RSS RSS_FIRST
rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
for start in $(seq "$MEMORY_STARTS"); do
    turn=("${MEMORY_APPS[@]:$(( (start - 1) % ${#MEMORY_APPS[@]} ))}" "${MEMORY_APPS[@]:0:$(( (start - 1) % ${#MEMORY_APPS[@]} ))}")
    line="   start $start:"
    for app in "${turn[@]}"; do
        cold_start "$app"
        first_rss="$(rss_mb "$APP_PID")"
        url_of="APP_$app[2]"; auth_of="APP_$app[6]"
        timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$LOAD" -H "Authorization: ${!auth_of} $APP_TOKEN" "$APP_BASE${!url_of}" >/dev/null \
            || die "wrk failed against $app"
        load_rss="$(rss_mb "$APP_PID")"
        RSS_FIRST[$app]+="$first_rss "; RSS[$app]+="$load_rss "
        line+=" $app $first_rss MB at the first 200, $load_rss MB after the load;"
        finish_app "$app"
    done
    echo "$line"
done
mmed() { tr ' ' '\n' <<<"$1" | grep . | median; }
declare -A READY_MED FIRST_MED FIRST_CPU_MED
for key in "${!FIRST[@]}"; do
    READY_MED[$key]="$(mmed "${READY[$key]}")"; FIRST_MED[$key]="$(mmed "${FIRST[$key]}")"; FIRST_CPU_MED[$key]="$(mmed "${FIRST_CPU[$key]}")"
done
for app in "${MEMORY_APPS[@]}"; do RSS[$app]="$(mmed "${RSS[$app]}")"; RSS_FIRST[$app]="$(mmed "${RSS_FIRST[$app]}")"; done
fi

# ---------------------------------------------------------------------------------------------------------------
# The figures, their ratios and goals. Each check: name value-description ratio direction goal
declare -A RATIO
STATUS=0
REPORT=()
check() { # key label figures ratio op goal
    local key="$1" label="$2" figures="$3" r="$4" op="$5" goal="$6" verdict base note=""
    RATIO[$key]="$r"
    if [ "$goal" = - ]; then verdict="  -  "
    elif awk -v r="$r" -v g="$goal" -v op="$op" 'BEGIN {exit !((op == ">=" && r >= g) || (op == "<=" && r <= g))}'; then verdict="PASS "
    else verdict="FAIL "; [ "${STRICT:-0}" = 1 ] && STATUS=1
    fi
    if [ -f "$BASELINE" ] && base="$(awk -v k="$key" '$1 == k {print $2}' "$BASELINE")" && [ -n "$base" ]; then
        if awk -v r="$r" -v b="$base" -v t="$TOLERANCE" -v op="$op" 'BEGIN {exit !((op == ">=" && r < b * (1 - t)) || (op == "<=" && r > b * (1 + t)))}'; then
            note="REGRESSION (baseline $base)"; STATUS=1
        else
            note="baseline $base"
        fi
    fi
    REPORT+=("$(printf '%s %-38s %-34s %6sx  goal %s %-5s %s' "$verdict" "$label" "$figures" "$r" "$op" "$goal" "$note")")
}
if part hot; then
check me_cached_vs_bare     "GET me, cache on / bare endpoint" "${M[me_cached]} / ${M[bare]} req/s" "$(ratio "${M[me_cached]}" "${M[bare]}")" ">=" 0.75
check me_cached_vs_identity "GET me, cache on / MapIdentityApi" "${M[me_cached]} / ${M[identity_info]} req/s" "$(ratio "${M[me_cached]}" "${M[identity_info]}")" ">=" 6
check me_uncached_vs_identity "GET me, cache off / MapIdentityApi" "${M[me_uncached]} / ${M[identity_info]} req/s" "$(ratio "${M[me_uncached]}" "${M[identity_info]}")" ">=" 4
if [ "$SHARED" = 1 ]; then
    check me_shared_vs_bare "GET me, Redis-checked / bare endpoint" "${M[me_shared]} / ${M[bare]} req/s" "$(ratio "${M[me_shared]}" "${M[bare]}")" ">=" 0.75
    check me_shared_vs_identity "GET me, Redis-checked / MapIdentityApi" "${M[me_shared]} / ${M[identity_info]} req/s" "$(ratio "${M[me_shared]}" "${M[identity_info]}")" ">=" 6
fi
check me_jwt_vs_identity    "GET me, JWT / MapIdentityApi" "${M[me_jwt]} / ${M[identity_info]} req/s" "$(ratio "${M[me_jwt]}" "${M[identity_info]}")" ">=" -
check cpu_me_cached_vs_bare "CPU/request: bare / GET me cached" "${C[bare]} / ${C[me_cached]} µs" "$(ratio "${C[bare]}" "${C[me_cached]}")" ">=" 0.75
check cpu_me_cached_vs_identity "CPU/request: MapIdentityApi / cached" "${C[identity_info]} / ${C[me_cached]} µs" "$(ratio "${C[identity_info]}" "${C[me_cached]}")" ">=" 6
check cpu_me_uncached_vs_identity "CPU/request: MapIdentityApi / uncached" "${C[identity_info]} / ${C[me_uncached]} µs" "$(ratio "${C[identity_info]}" "${C[me_uncached]}")" ">=" 4
check cpu_me_jwt_vs_identity "CPU/request: MapIdentityApi / JWT" "${C[identity_info]} / ${C[me_jwt]} µs" "$(ratio "${C[identity_info]}" "${C[me_jwt]}")" ">=" -
check alloc_me_cached_vs_bare "bytes allocated/request: cached / bare" "${A[me_cached]} / ${A[bare]} B" "$(ratio "${A[me_cached]}" "${A[bare]}")" ">=" -
check cpu_login_vs_hash "CPU/request: verify / login" "$VERIFY_CPU_US / ${C[login_djoser]} µs" "$(ratio "$VERIFY_CPU_US" "${C[login_djoser]}")" ">=" 0.90
check cpu_register_vs_hash "CPU/request: hash / registration" "$HASH_CPU_US / ${C[register_djoser]} µs" "$(ratio "$HASH_CPU_US" "${C[register_djoser]}")" ">=" 0.90
check login_vs_bound        "login / hash-bound rate" "${M[login_djoser]} / $LOGIN_BOUND req/s" "$(ratio "${M[login_djoser]}" "$LOGIN_BOUND")" ">=" 0.90
check login_vs_parallel     "login / parallel hash rate" "${M[login_djoser]} / $LOGIN_PARALLEL req/s" "$(ratio "${M[login_djoser]}" "$LOGIN_PARALLEL")" ">=" -
check identity_login_vs_parallel "MapIdentityApi login / parallel rate" "${M[login_identity]} / $LOGIN_PARALLEL req/s" "$(ratio "${M[login_identity]}" "$LOGIN_PARALLEL")" ">=" -
check identity_login_vs_bound "MapIdentityApi login / hash-bound" "${M[login_identity]} / $LOGIN_BOUND req/s" "$(ratio "${M[login_identity]}" "$LOGIN_BOUND")" ">=" -
check register_vs_bound     "registration / hash-bound rate" "${M[register_djoser]} / $REGISTER_BOUND req/s" "$(ratio "${M[register_djoser]}" "$REGISTER_BOUND")" ">=" 0.90
check register_vs_parallel  "registration / parallel hash rate" "${M[register_djoser]} / $REGISTER_PARALLEL req/s" "$(ratio "${M[register_djoser]}" "$REGISTER_PARALLEL")" ">=" -
check identity_register_vs_bound "MapIdentityApi register / hash-bound" "${M[register_identity]} / $REGISTER_BOUND req/s" "$(ratio "${M[register_identity]}" "$REGISTER_BOUND")" ">=" -
fi
if part startup; then
for mode in migrating migrated; do
    suffix=""; [ "$mode" = migrated ] && suffix="_migrated"
    check "startup_first_200$suffix" "start-up ($mode) to first 200 / ref" "${FIRST_MED[sample.$mode]} / ${FIRST_MED[reference.$mode]} ms" \
        "$(ratio "${FIRST_MED[sample.$mode]}" "${FIRST_MED[reference.$mode]}")" "<=" 1.00
    check "startup_cpu_first_200$suffix" "start-up ($mode) CPU to first 200 / ref" "${FIRST_CPU_MED[sample.$mode]} / ${FIRST_CPU_MED[reference.$mode]} ms" \
        "$(ratio "${FIRST_CPU_MED[sample.$mode]}" "${FIRST_CPU_MED[reference.$mode]}")" "<=" 1.00
    check "startup_ready$suffix" "start-up ($mode) to first answer / ref" "${READY_MED[sample.$mode]} / ${READY_MED[reference.$mode]} ms" \
        "$(ratio "${READY_MED[sample.$mode]}" "${READY_MED[reference.$mode]}")" "<=" 1.00
done
# The issue's aim for a start without the migrator: at most 60% of the reference's.
check startup_first_200_aim "start-up (migrated), aim / ref" "${FIRST_MED[sample.migrated]} / ${FIRST_MED[reference.migrated]} ms" \
    "$(ratio "${FIRST_MED[sample.migrated]}" "${FIRST_MED[reference.migrated]}")" "<=" 0.60
check memory_after_load     "RSS after load / reference" "${RSS[sample]} / ${RSS[reference]} MB" "$(ratio "${RSS[sample]}" "${RSS[reference]}")" "<=" 1.00
check memory_first_200      "RSS at first 200 / reference" "${RSS_FIRST[sample]} / ${RSS_FIRST[reference]} MB" "$(ratio "${RSS_FIRST[sample]}" "${RSS_FIRST[reference]}")" "<=" -
if [ -n "${RSS[readme]:-}" ]; then
    # Like for like: both as EF migrates by default (refcheck); against the reference as it runs above, reported.
    check memory_readme_after_load "RSS after load, README / ref, EF check" "${RSS[readme]} / ${RSS[refcheck]} MB" "$(ratio "${RSS[readme]}" "${RSS[refcheck]}")" "<=" 1.00
    check memory_readme_first_200 "RSS at first 200, README / ref, EF ch." "${RSS_FIRST[readme]} / ${RSS_FIRST[refcheck]} MB" "$(ratio "${RSS_FIRST[readme]}" "${RSS_FIRST[refcheck]}")" "<=" -
    check memory_readme_after_load_ref "RSS after load, README app / ref" "${RSS[readme]} / ${RSS[reference]} MB" "$(ratio "${RSS[readme]}" "${RSS[reference]}")" "<=" -
fi
fi

echo "== medians ($DATABASE; $(nproc) cores)"
if part hot; then
echo "   hash verify $VERIFY_US µs (CPU $VERIFY_CPU_US µs), hash $HASH_US µs (CPU $HASH_CPU_US µs)"
for name in "${ORDER[@]}"; do printf '   %-18s %10s req/s %10s µs CPU/request %8s B allocated/request\n' "$name" "${M[$name]}" "${C[$name]}" "${A[$name]}"; done
printf '   %-18s %10s req/s   (%s cores / verify time)\n' "login bound" "$LOGIN_BOUND" "$CORES"
printf '   %-18s %10s req/s   (%s cores / hash time)\n' "register bound" "$REGISTER_BOUND" "$CORES"
printf '   %-18s %10s req/s   (%s threads verifying at once)\n' "login parallel" "$LOGIN_PARALLEL" "$CORES"
printf '   %-18s %10s req/s   (%s threads hashing at once)\n' "register parallel" "$REGISTER_PARALLEL" "$CORES"
fi
if part startup; then
for mode in migrating migrated; do
    printf '   %-18s %10s ms (ready %s ms, CPU %s ms)   reference %s ms (ready %s ms, CPU %s ms)\n' "start-up $mode" \
        "${FIRST_MED[sample.$mode]}" "${READY_MED[sample.$mode]}" "${FIRST_CPU_MED[sample.$mode]}" \
        "${FIRST_MED[reference.$mode]}" "${READY_MED[reference.$mode]}" "${FIRST_CPU_MED[reference.$mode]}"
done
printf '   %-18s %10s MB   reference %s MB (at the first 200: %s MB, reference %s MB)\n' "RSS after load" "${RSS[sample]}" "${RSS[reference]}" \
    "${RSS_FIRST[sample]}" "${RSS_FIRST[reference]}"
if [ -n "${RSS[readme]:-}" ]; then
    printf '   %-18s %10s MB   (at the first 200: %s MB); reference with EF'"'"'s check %s MB (at the first 200: %s MB)\n' "RSS, README's app" \
        "${RSS[readme]}" "${RSS_FIRST[readme]}" "${RSS[refcheck]}" "${RSS_FIRST[refcheck]}"
fi
fi
echo "== ratios and goals (regression: worse than the baseline by more than $(awk -v t="$TOLERANCE" 'BEGIN {print t * 100}')%)"
printf '%s\n' "${REPORT[@]}"

if [ "${UPDATE_BASELINE:-0}" = 1 ]; then
    {
        echo "# ratio per check, written by run.sh UPDATE_BASELINE=1 on $(date -u +%Y-%m-%d) ($DATABASE, $(nproc) cores)"
        # Ratios of parts not run this time are kept from the old baseline.
        { for key in "${!RATIO[@]}"; do echo "$key ${RATIO[$key]}"; done
          if [ -f "$BASELINE" ]; then
              grep -v '^#' "$BASELINE" | while read -r key value; do [ -n "${RATIO[$key]:-}" ] || echo "$key $value"; done
          fi
        } | sort
    } >"$WORK/baseline"
    mv "$WORK/baseline" "$BASELINE"
    echo "== baseline written: $BASELINE"
fi
[ "$STATUS" = 0 ] && echo "== no regression" || echo "== FAILED: see REGRESSION/FAIL above"
exit "$STATUS"
