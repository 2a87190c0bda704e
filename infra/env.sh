# shellcheck shell=bash disable=SC2034
# (SC2034: the variables are used by the scripts that source this file.)
# Shared settings for the local-services scripts. Sourced, never executed.
# Every value can be overridden from the environment.

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$INFRA_DIR/.." && pwd)"

# Downloads (Maven repository, Elasticsearch distribution) survive resets;
# RUN holds everything a running service writes (data, config, logs, pids).
CACHE="${SIGHTLINE_CACHE_DIR:-$ROOT/.cache}"
RUN="${SIGHTLINE_RUN_DIR:-$ROOT/.run}"
LOG_DIR="$RUN/logs"
PID_DIR="$RUN/pids"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
ELASTICSEARCH_PORT="${ELASTICSEARCH_PORT:-9200}"
ELASTICSEARCH_TRANSPORT_PORT="${ELASTICSEARCH_TRANSPORT_PORT:-9300}"
INFLUXDB_PORT="${INFLUXDB_PORT:-8086}"
INFLUXDB_RPC_PORT="${INFLUXDB_RPC_PORT:-8088}"

KAFKA_HEAP="${KAFKA_HEAP:-512m}"
ELASTICSEARCH_VERSION="8.19.4"
ELASTICSEARCH_HEAP="${ELASTICSEARCH_HEAP:-2g}"
ELASTICSEARCH_HOME="$CACHE/elasticsearch/elasticsearch-$ELASTICSEARCH_VERSION"
# Elasticsearch refuses to run as root; this account is used instead.
ELASTICSEARCH_USER="${SIGHTLINE_SERVICE_USER:-sightline}"

# Seconds each service gets to become ready (a bound, not a wait: a service that
# exits fails at once; Elasticsearch on two busy cores has needed over 2 minutes);
# SIGTERM grace period on stop.
SIGHTLINE_SERVICE_TIMEOUT="${SIGHTLINE_SERVICE_TIMEOUT:-300}"
SIGHTLINE_STOP_TIMEOUT="${SIGHTLINE_STOP_TIMEOUT:-30}"

ALL_SERVICES=(kafka elasticsearch influxdb)

export ROOT CACHE RUN LOG_DIR PID_DIR INFRA_DIR
export KAFKA_PORT KAFKA_CONTROLLER_PORT ELASTICSEARCH_PORT ELASTICSEARCH_TRANSPORT_PORT
export INFLUXDB_PORT INFLUXDB_RPC_PORT KAFKA_HEAP ELASTICSEARCH_HEAP
export SIGHTLINE_SERVICE_TIMEOUT SIGHTLINE_STOP_TIMEOUT
