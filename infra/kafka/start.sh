#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker in the background (pid file in
# $RUN/pids/kafka.pid, output in $RUN/logs/kafka.log). Does not wait for
# readiness; up.sh does.
set -euo pipefail
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

clean_stale_pid kafka
if pid="$(service_pid kafka)"; then
  log "kafka: already running (pid $pid)"
  exit 0
fi
check_ports_free kafka
kafka_installed || die "kafka: not installed; run $INFRA_DIR/kafka/install.sh"
resolve_java

dir="$RUN/kafka"
KAFKA_DATA_DIR="$dir/data"
mkdir -p "$KAFKA_DATA_DIR" "$LOG_DIR"
classpath="$(<"$CACHE/kafka/classpath.txt")"

# Rendered on every start so port overrides take effect; data stays.
render_template "$INFRA_DIR/kafka/server.properties.template" "$dir/server.properties" \
  KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_DATA_DIR
cp -f "$INFRA_DIR/kafka/log4j.properties" "$dir/log4j.properties"

# KRaft storage must be formatted with a cluster id exactly once; formatting
# again would orphan the existing data.
if [[ ! -f $KAFKA_DATA_DIR/meta.properties ]]; then
  tool=("$SERVICE_JAVA" -Xmx256m "-Dlog4j.configuration=file:$INFRA_DIR/kafka/tools-log4j.properties"
    -cp "$classpath" kafka.tools.StorageTool)
  cluster_id="$("${tool[@]}" random-uuid)"
  [[ $cluster_id =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka: unexpected cluster id from StorageTool: '$cluster_id'"
  log "kafka: formatting storage in $KAFKA_DATA_DIR (cluster id $cluster_id)"
  "${tool[@]}" format -t "$cluster_id" -c "$dir/server.properties" >>"$LOG_DIR/kafka-format.log" 2>&1 ||
    die "kafka: storage format failed — see $LOG_DIR/kafka-format.log"
fi

cd "$dir"
start_daemon kafka "$SERVICE_JAVA" -Xms256m "-Xmx$KAFKA_HEAP" \
  "-Dlog4j.configuration=file:$dir/log4j.properties" \
  -cp "$classpath" kafka.Kafka "$dir/server.properties"
log "kafka: started (pid $(recorded_pid kafka))"
