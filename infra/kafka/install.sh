#!/usr/bin/env bash
# Resolves the Kafka broker jars from Maven Central into $CACHE/m2 and records
# the runtime classpath in $CACHE/kafka/classpath.txt. No-op when cached.
set -euo pipefail
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

classpath_file="$CACHE/kafka/classpath.txt"

if kafka_installed; then
  log "kafka: dependencies already cached ($classpath_file)"
  exit 0
fi

require_cmd mvn "install Maven (apt-get install -y maven)"
resolve_java
mkdir -p "$CACHE/kafka" "$CACHE/m2"

log "kafka: resolving the broker jars with Maven ($INFRA_DIR/kafka/pom.xml)"
# Written to a temp file first so an interrupted run never leaves a
# truncated classpath that looks complete.
JAVA_HOME="$SERVICE_JAVA_HOME" mvn -q -B -Dstyle.color=never \
  -f "$INFRA_DIR/kafka/pom.xml" \
  -Dmaven.repo.local="$CACHE/m2" \
  dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file.tmp"
mv -f "$classpath_file.tmp" "$classpath_file"

kafka_installed || die "kafka: $classpath_file lists jars that do not exist"
log "kafka: classpath written to $classpath_file"
