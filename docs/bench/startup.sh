#!/usr/bin/env bash
# Start-up wall times of Docent's commands, whole process, over several runs, interleaving two
# checkouts so both see the same machine load. Usage:
#   docs/bench/startup.sh NEW_ROOT [OLD_ROOT] [RUNS]
# Each root is a Docent checkout whose launcher has built its jar. Indexes sample-corpus once per
# root into its own data dir, then times: --help, models, ask (extractive), and serve until
# /api/status answers and until the first /ask answers.
set -euo pipefail
NEW="$1"; OLD="${2:-}"; RUNS="${3:-5}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
ms() { echo $(( $(date +%s%N) / 1000000 )); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

time_cmd() { local t0; t0=$(ms); "$@" >/dev/null 2>&1 || true; echo $(( $(ms) - t0 )); }

time_serve() { # root data -> "status_ms ask_ms"
  local root="$1" data="$2" port t0 st="" ask="" pid
  port=$(free_port); t0=$(ms)
  "$root/docent" serve --port "$port" --data "$data" "$root/sample-corpus" >/dev/null 2>&1 & pid=$!
  while [ -z "$st" ]; do
    curl -sf "http://127.0.0.1:$port/api/status" >/dev/null 2>&1 && st=$(( $(ms) - t0 )) || sleep 0.02
  done
  curl -sf -X POST "http://127.0.0.1:$port/ask" -H 'Content-Type: application/json' \
       -d '{"question": "How many days of annual leave do employees get?"}' >/dev/null
  ask=$(( $(ms) - t0 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$st $ask"
}

declare -A rows
for root in $NEW $OLD; do
  "$root/docent" index --data "$WORK/$(basename "$root")" "$root/sample-corpus" >/dev/null 2>&1
  "$root/docent" ask --data "$WORK/$(basename "$root")" "warm-up" >/dev/null 2>&1 || true # CDS archive, if any
  read -r _ _ <<<"$(time_serve "$root" "$WORK/$(basename "$root")")"                        # serve's archive
done
for i in $(seq "$RUNS"); do
  for root in $NEW $OLD; do
    d="$WORK/$(basename "$root")"
    h=$(time_cmd "$root/docent" --help)
    m=$(time_cmd "$root/docent" models)
    a=$(time_cmd "$root/docent" ask --data "$d" "How many days of annual leave do employees get?")
    read -r s q <<<"$(time_serve "$root" "$d")"
    rows[$root]+="$h $m $a $s $q"$'\n'
    echo "run $i $(basename "$root"): help ${h} ms, models ${m} ms, ask ${a} ms, serve status ${s} ms, first answer ${q} ms"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
for root in $NEW $OLD; do
  echo "median of $RUNS, $(basename "$root"):" \
    "help $(echo -n "${rows[$root]}" | awk '{print $1}' | median) ms," \
    "models $(echo -n "${rows[$root]}" | awk '{print $2}' | median) ms," \
    "ask $(echo -n "${rows[$root]}" | awk '{print $3}' | median) ms," \
    "serve status $(echo -n "${rows[$root]}" | awk '{print $4}' | median) ms," \
    "first answer $(echo -n "${rows[$root]}" | awk '{print $5}' | median) ms"
done
