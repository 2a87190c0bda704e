#!/usr/bin/env bash
# Starts a single-node Elasticsearch in the background (pid file in
# $RUN/pids/elasticsearch.pid, console output in $RUN/logs/elasticsearch.log,
# its own logs in $RUN/elasticsearch/logs). Does not wait for readiness.
set -euo pipefail
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

clean_stale_pid elasticsearch
if pid="$(service_pid elasticsearch)"; then
  log "elasticsearch: already running (pid $pid)"
  exit 0
fi
check_ports_free elasticsearch
elasticsearch_installed || die "elasticsearch: not installed; run $INFRA_DIR/elasticsearch/install.sh"
resolve_java

dir="$RUN/elasticsearch"
ELASTICSEARCH_DATA_DIR="$dir/data"
ELASTICSEARCH_LOGS_DIR="$dir/logs"
mkdir -p "$dir/config" "$ELASTICSEARCH_DATA_DIR" "$ELASTICSEARCH_LOGS_DIR" "$dir/tmp" "$LOG_DIR"

# Private copy of the config dir: Elasticsearch writes its keystore there and
# the cached distribution stays pristine (and may stay root-owned).
if [[ ! -f $dir/config/jvm.options ]]; then
  cp -R "$ELASTICSEARCH_HOME/config/." "$dir/config/"
fi
render_template "$INFRA_DIR/elasticsearch/elasticsearch.yml.template" "$dir/config/elasticsearch.yml" \
  ELASTICSEARCH_DATA_DIR ELASTICSEARCH_LOGS_DIR ELASTICSEARCH_PORT ELASTICSEARCH_TRANSPORT_PORT

# Elasticsearch refuses to run as root, so root runs it as a system user.
run_as=()
if [[ $EUID -eq 0 ]]; then
  if ! id -u "$ELASTICSEARCH_USER" >/dev/null 2>&1; then
    log "elasticsearch: creating system user $ELASTICSEARCH_USER"
    useradd --system --no-create-home --user-group --shell /usr/sbin/nologin "$ELASTICSEARCH_USER"
  fi
  gid="$(id -g "$ELASTICSEARCH_USER")"
  chown -R "$ELASTICSEARCH_USER:$gid" "$dir"
  run_as=(setpriv "--reuid=$ELASTICSEARCH_USER" "--regid=$gid" --init-groups)
  # A checkout under a private directory (e.g. /root) is unreachable for
  # that user; say so instead of letting Elasticsearch fail obscurely.
  # shellcheck disable=SC2016  # expanded by the inner sh
  if ! "${run_as[@]}" sh -c 'test -x "$1" && test -w "$2"' sh "$ELASTICSEARCH_HOME/bin/elasticsearch" "$dir/data"; then
    die "elasticsearch: user $ELASTICSEARCH_USER cannot reach $ELASTICSEARCH_HOME or $dir; make their parent directories world-searchable (chmod o+x) or set SIGHTLINE_CACHE_DIR/SIGHTLINE_RUN_DIR elsewhere"
  fi
fi

cd "$dir"
start_daemon elasticsearch "${run_as[@]}" env \
  "ES_JAVA_HOME=$SERVICE_JAVA_HOME" \
  "ES_PATH_CONF=$dir/config" \
  "ES_JAVA_OPTS=-Xms$ELASTICSEARCH_HEAP -Xmx$ELASTICSEARCH_HEAP" \
  "ES_TMPDIR=$dir/tmp" \
  "$ELASTICSEARCH_HOME/bin/elasticsearch"
log "elasticsearch: started (pid $(recorded_pid elasticsearch))"
