# Starts Azurite and maildev from node_modules on loopback, unless something already listens on
# their ports. Sourced by run-local.sh; defines stop_local_services for its exit trap.
# Ports: Azurite 10000 (blob), 10001 (queue), 10002 (table); maildev 1025 (SMTP), 1080 (web).
# Both run in a session of their own (setsid), so Ctrl+C reaches only the LocalHost. The exit trap
# stops them after the LocalHost, which needs Azurite until it has stopped.

local_service_pids=()

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 100); do
    port_open "$port" && return 0
    sleep 0.2
  done
  echo "error: $name did not open port $port within 20 s; see $state_dir/$name.log" >&2
  return 1
}

start_local_services() {
  mkdir -p "$state_dir/azurite"
  if port_open 10002; then
    echo "Azurite: something already listens on 127.0.0.1:10002; using it."
  else
    setsid node_modules/.bin/azurite --silent --location "$state_dir/azurite" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      --skipApiVersionCheck --disableTelemetry >"$state_dir/azurite.log" 2>&1 &
    local_service_pids+=($!)
    wait_for_port 10000 azurite && wait_for_port 10001 azurite && wait_for_port 10002 azurite || return 1
  fi

  if port_open 1025; then
    echo "maildev: something already listens on 127.0.0.1:1025; using it."
  else
    setsid node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp 1025 --web 1080 >"$state_dir/maildev.log" 2>&1 &
    local_service_pids+=($!)
    wait_for_port 1025 maildev && wait_for_port 1080 maildev || return 1
  fi
}

stop_local_services() {
  for pid in "${local_service_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
