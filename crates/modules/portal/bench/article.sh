#!/usr/bin/env bash
# An article page with its view counted, anonymous, against nginx serving the same HTML as a
# static file in the same run; then the view count against the requests answered.
#   crates/modules/portal/bench/article.sh            # SQLite
#   ENGINE=postgres crates/modules/portal/bench/article.sh
# Needs wrk and nginx (Debian: wrk, nginx-light) and a release build (`cargo build --release -p dinh`).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
BIN=./target/release/dinh
WORK=$(mktemp -d)
PORT=8089
NGINX_PORT=8090
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [ "${ENGINE:-sqlite}" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS dinh_bench" postgres
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE dinh_bench" postgres
  export DINH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/dinh_bench
fi
"$BIN" --data "$WORK/data" demo --no-serve >/dev/null
"$BIN" --data "$WORK/data" serve --bind 127.0.0.1:$PORT >"$WORK/serve.log" 2>&1 &
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

ID=$(curl -s "http://127.0.0.1:$PORT/units/00541/tin-tuc" | grep -o 'href="/tin-tuc/[0-9]*"' | head -1 | grep -o '[0-9]*')
URL="http://127.0.0.1:$PORT/tin-tuc/$ID"
mkdir -p "$WORK/static"
curl -s "$URL" >"$WORK/static/article.html"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/static; location / { default_type text/html; } }
}
CONF
nginx -c "$WORK/nginx.conf"
sleep 0.5

views() { curl -s "http://127.0.0.1:$PORT/api/v1/news/$ID" | grep -o '"views":[0-9]*' | grep -o '[0-9]*'; }
sleep 3
BEFORE=$(views)
echo "== nginx, static copy ($(wc -c <"$WORK/static/article.html") bytes)"
wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$NGINX_PORT/article.html" | grep -E "Requests/sec|  99%|  50%"
echo "== dinh /tin-tuc/$ID (${ENGINE:-sqlite})"
OUT=$(wrk -t2 -c32 -d10s --latency "$URL")
echo "$OUT" | grep -E "Requests/sec|  99%|  50%|requests in"
sleep 5
AFTER=$(views)
echo "views: before $BEFORE, after $AFTER, counted $((AFTER - BEFORE)), answered $(echo "$OUT" | grep -o '[0-9]* requests in' | grep -o '^[0-9]*')"
echo "== dinh /units/00541 again, after 30 s (the database's own work after the article run settled)"
sleep 30
wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$PORT/units/00541" | grep -E "Requests/sec|  99%|  50%"
# Signed in (a commune officer): never from the cache, every section read for this person.
JAR="$WORK/cookies"
CSRF=$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "csrf=$CSRF" --data-urlencode "next=/" \
  --data-urlencode "login=canbo.phudong@dinh.demo" --data-urlencode "password=dinh-demo-2026" "http://127.0.0.1:$PORT/login"
SESSION=$(awk '$6 == "dinh_session" { print $6 "=" $7 }' "$JAR")
[ -n "$SESSION" ] || { echo "could not sign in" >&2; exit 1; }
echo "== dinh /units/00541 signed in as a commune officer (-c8)"
wrk -t2 -c8 -d10s --latency -H "Cookie: $SESSION" "http://127.0.0.1:$PORT/units/00541" | grep -E "Requests/sec|  99%|  50%"
