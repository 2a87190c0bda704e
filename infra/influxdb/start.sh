#!/usr/bin/env bash
# Starts InfluxDB 1.x in the background (pid file in $RUN/pids/influxdb.pid,
# output in $RUN/logs/influxdb.log). Does not wait for readiness.
set -euo pipefail
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

clean_stale_pid influxdb
if pid="$(service_pid influxdb)"; then
  log "influxdb: already running (pid $pid)"
  exit 0
fi
check_ports_free influxdb
influxdb_installed || die "influxdb: influxd not found; run $INFRA_DIR/influxdb/install.sh"

INFLUXDB_DIR="$RUN/influxdb"
mkdir -p "$INFLUXDB_DIR/meta" "$INFLUXDB_DIR/data" "$INFLUXDB_DIR/wal" "$LOG_DIR"
render_template "$INFRA_DIR/influxdb/influxdb.conf.template" "$INFLUXDB_DIR/influxdb.conf" \
  INFLUXDB_DIR INFLUXDB_PORT INFLUXDB_RPC_PORT

cd "$INFLUXDB_DIR"
start_daemon influxdb "$(command -v influxd)" -config "$INFLUXDB_DIR/influxdb.conf"
log "influxdb: started (pid $(recorded_pid influxdb))"
