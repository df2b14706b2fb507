#!/usr/bin/env bash
# Follow docs/deploy.md on this machine, in a temporary folder, and check the result.
#
#     deploy/try-deploy.sh        exit 0 when every step worked; stops all it started
#
# The guide's shell blocks marked `<!-- try-deploy: NAME -->` are read from the guide
# and run word for word (each in its own bash -eu, as an administrator would paste
# them), in the guide's order; the script only supplies what a real school has and
# this machine has not: a throwaway PostgreSQL cluster and a Redis, both on 127.0.0.1
# and free ports, the guide's three names ($APP, $ENV_FILE, $BACKUP_DIR) inside the
# temporary folder, the local addresses in the settings file, and the code (a copy of
# this checkout, whose virtualenv stands in for the one `pip install` would fill).
# It then starts two app servers with the systemd unit's ExecStart line, loads the login
# page and a static file from both as the proxy would (X-Forwarded-Proto: https), logs
# in on one and uses the session on the other, backs up, loses the database, restores it
# and logs in again. tests/test_try_deploy.py runs it.
set -euo pipefail

# A fresh machine: nothing of the caller's environment (a test run's settings module,
# DEBUG, PLAIN_HTTP, DATABASE_URL...) reaches the guide's commands.
if [ -z "${TRY_DEPLOY_CLEAN_ENV:-}" ]; then
  exec env -i TRY_DEPLOY_CLEAN_ENV=1 HOME="${HOME:-/tmp}" PATH="$PATH" LANG=C.UTF-8 \
    bash "$0" "$@"
fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GUIDE="$ROOT/docs/deploy.md"
HOST=leesexamens.school.example
CSRF=LeesexamensTryDeployCsrfSecret26   # 32 characters: an unmasked CSRF secret
ADMIN_PASSWORD=try-deploy-admin-2026

work="$(mktemp -d /tmp/leesexamens-try-deploy.XXXXXX)"
export APP="$work/srv/leesexamens" ENV_FILE="$work/etc/leesexamens.env"
export BACKUP_DIR="$work/backups"
pg_dir="$work/pg"
pids=()
redis_pid=""
pg_started=""
ran=()

log() { printf '== %s (%s)\n' "$*" "$(date +%T)"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_servers() { # gunicorn's quick shutdown (SIGINT), then SIGKILL after 10 s
  local pid
  for pid in "${pids[@]}"; do
    kill -INT "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  local status=$?
  stop_servers
  if [ -n "$redis_pid" ]; then
    kill -TERM "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_started" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ "$status" != 0 ]; then
    for f in "$work"/*.log "$pg_dir/log"; do
      [ -f "$f" ] && { echo "--- $f"; tail -n 30 "$f"; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The shell block after `<!-- try-deploy: NAME -->` in the guide.
block() {
  awk -v marker="<!-- try-deploy: $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```sh$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }
  ' "$GUIDE"
}

run_block() {
  local code
  code="$(block "$1")"
  [ -n "$code" ] || fail "no block '$1' in docs/deploy.md"
  log "guide: $1"
  printf '%s\n' "$code" | sed 's/^/    /'
  bash -euo pipefail -c "$code" || fail "the guide's block '$1'"
  ran+=("$1")
}

# A line of the systemd unit in the guide, e.g. unit_line ExecStart.
unit_line() {
  awk -v key="$1=" '
    /^```ini$/ { inside = 1; next }
    inside && /^```$/ { inside = 0 }
    inside && index($0, key) == 1 { print substr($0, length(key) + 1); exit }
  ' "$GUIDE"
}

# What a request through the proxy looks like: the host name, https, and a CSRF token.
get() { # get SERVER_PORT PATH [curl options...]
  local port="$1" path="$2"; shift 2
  curl -sS --max-time 30 -H "Host: $HOST" -H "X-Forwarded-Proto: https" "$@" \
    "http://127.0.0.1:$port$path"
}

status_of() { get "$@" -o /dev/null -w '%{http_code}'; }

log_in() { # log_in PORT -> prints the session id
  local port="$1" headers
  headers="$(get "$port" /login/ -D - -o /dev/null \
    -H "Cookie: csrftoken=$CSRF" -H "X-CSRFToken: $CSRF" -H "Origin: https://$HOST" \
    --data-urlencode "username=admin" --data-urlencode "password=$ADMIN_PASSWORD")"
  grep -q '^HTTP/1.1 302' <<<"$headers" || fail "logging in on port $port: $headers"
  sed -n 's/^[Ss]et-[Cc]ookie: sessionid=\([^;]*\);.*/\1/p' <<<"$headers"
}

check_server() { # check_server PORT: the login page, a static file, https only
  local port="$1" page css
  page="$(get "$port" /login/)"
  grep -q 'name="password"' <<<"$page" || fail "no login page on port $port"
  css="$(grep -o '/static/css/app\.[0-9a-f]\{12\}\.css' <<<"$page" | head -n 1)"
  [ -n "$css" ] || fail "the login page on port $port links no fingerprinted stylesheet"
  [ "$(status_of "$port" "$css")" = 200 ] || fail "$css on port $port"
  get "$port" "$css" -D - -o /dev/null | grep -qi '^cache-control:.*immutable' \
    || fail "$css on port $port is not served by whitenoise as immutable"
  [ "$(curl -sS -o /dev/null -w '%{http_code}' -H "Host: $HOST" \
    "http://127.0.0.1:$port/login/")" = 301 ] || fail "plain http on port $port is not sent to https"
  echo "port $port: login page, $css and the https redirect"
}

start_server() { # start_server PORT: the unit's ExecStart with its settings file
  local port="$1" exec_start workdir
  exec_start="$(unit_line ExecStart)"
  workdir="$(unit_line WorkingDirectory)"
  [ -n "$exec_start" ] && [ -n "$workdir" ] || fail "no systemd unit in docs/deploy.md"
  exec_start="${exec_start//"$workdir"/$APP}"
  (
    cd "$APP"
    set -a; . "$ENV_FILE"; set +a
    # This machine's address instead of the guide's 0.0.0.0:8001.
    export GUNICORN_CMD_ARGS="--bind 127.0.0.1:$port --workers 2"
    exec $exec_start
  ) >"$work/gunicorn-$port.log" 2>&1 &
  pids+=($!)
}

wait_for_servers() { # wait_for_servers PORT...: each answers its login page
  local port
  for port in "$@"; do
    for _ in $(seq 600); do
      [ "$(status_of "$port" /login/ 2>/dev/null)" = 200 ] && continue 2
      sleep 0.1
    done
    fail "gunicorn on port $port did not answer (log: gunicorn-$port.log)"
  done
}

# --- what the school has: PostgreSQL, Redis, the code -------------------------------

PYTHON="$ROOT/.venv/bin/python"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$PG_BIN" ] || fail "PostgreSQL is not installed (apt-get install postgresql)"
command -v redis-server >/dev/null || fail "redis-server is not installed"
export PATH="$PG_BIN:$PATH"   # pg_dump and pg_restore of the cluster's own version

log "a throwaway PostgreSQL cluster"
pg_port="$(free_port)"
mkdir -p "$pg_dir" "$(dirname "$ENV_FILE")" "$APP"
echo postgres-try-deploy >"$pg_dir/password"
if [ "$(id -u)" = 0 ]; then
  chmod 711 "$work"   # the postgres user reaches its own folder in it, nothing else
  chown -R postgres "$pg_dir"
fi
# Local socket: trust, for the script's own administration; TCP: passwords, as the app.
as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth-local=trust \
  --auth-host=scram-sha-256 --pwfile="$pg_dir/password" -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/log" \
  -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off" start >/dev/null
pg_started=1
psql_admin() { as_postgres "$PG_BIN/psql" -h "$pg_dir" -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
# Section 2 of the guide, without the password prompt.
psql_admin -c "CREATE ROLE leesexamens LOGIN PASSWORD 'db-try-deploy'"
psql_admin -c "CREATE DATABASE leesexamens OWNER leesexamens ENCODING 'UTF8'"
echo "127.0.0.1:$pg_port"

log "a throwaway Redis"
redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
  --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null || fail "redis-server did not start"
echo "127.0.0.1:$redis_port"

log "the code in \$APP"
# The checkout's files as git sees them (committed or not), and its virtualenv.
# Never the checkout's own .venv (a symlink in a git worktree): $APP links to it below.
git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
  | grep -zv '^\.venv\(/\|$\)' \
  | (cd "$ROOT" && tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$APP"
ln -s "$(readlink -f "$ROOT/.venv")" "$APP/.venv"

# --- the guide ----------------------------------------------------------------------

run_block install
run_block settings
grep -q '^SECRET_KEY=.\{50,\}$' "$ENV_FILE" || fail "the settings block made no secret key"
# This machine's database and Redis instead of the guide's example hosts (later lines
# win, for systemd's EnvironmentFile as for the shell).
cat >>"$ENV_FILE" <<EOF
DATABASE_URL=postgres://leesexamens:db-try-deploy@127.0.0.1:$pg_port/leesexamens
REDIS_URL=redis://127.0.0.1:$redis_port/0
EOF
run_block prepare

log "an administrator (createsuperuser --noinput)"
(cd "$APP" && set -a && . "$ENV_FILE" && set +a \
  && DJANGO_SUPERUSER_PASSWORD="$ADMIN_PASSWORD" .venv/bin/python manage.py createsuperuser \
    --noinput --username admin --email admin@school.example)

log "two app servers (the unit's ExecStart)"
port_a="$(free_port)"
port_b="$(free_port)"
start_server "$port_a"
start_server "$port_b"
wait_for_servers "$port_a" "$port_b"
check_server "$port_a"
check_server "$port_b"
session="$(log_in "$port_a")"
[ -n "$session" ] || fail "no session cookie"
[ "$(status_of "$port_b" /admin/ -H "Cookie: sessionid=$session")" = 200 ] \
  || fail "the session from server A does not hold on server B"
echo "logged in on port $port_a, the admin page on port $port_b"

run_block backup
DUMP="$(ls "$BACKUP_DIR"/leesexamens-*.dump | tail -n 1)"
export DUMP
[ -s "$DUMP" ] || fail "no dump in \$BACKUP_DIR"

log "losing the database"
stop_servers
psql_admin -c "DROP DATABASE leesexamens WITH (FORCE)"
psql_admin -c "CREATE DATABASE leesexamens OWNER leesexamens ENCODING 'UTF8'"
[ "$(psql_admin -d leesexamens -c "SELECT to_regclass('auth_user') IS NULL")" = t ] \
  || fail "the database was not emptied"

run_block restore

log "after the restore"
start_server "$port_a"
start_server "$port_b"
wait_for_servers "$port_a" "$port_b"
[ "$(psql_admin -d leesexamens -c "SELECT count(*) FROM auth_user WHERE username = 'admin'")" = 1 ] \
  || fail "the administrator is not in the restored database"
session="$(log_in "$port_b")"
[ "$(status_of "$port_a" /admin/ -H "Cookie: sessionid=$session")" = 200 ] \
  || fail "logging in after the restore"
echo "the administrator logs in again on the restored database"

# Every block the guide marks for this script was run.
marked="$(sed -n 's/^<!-- try-deploy: \(.*\) -->$/\1/p' "$GUIDE" | sort | tr '\n' ' ')"
done_="$(printf '%s\n' "${ran[@]}" | sort | tr '\n' ' ')"
[ "$marked" = "$done_" ] || fail "the guide marks [$marked] for this script, it ran [$done_]"

log "docs/deploy.md followed: all steps worked"
