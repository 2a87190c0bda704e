#!/usr/bin/env bash
# Downloads the Elasticsearch distribution (the integ-test-zip, the only
# Elasticsearch zip published on Maven Central) and unpacks it under
# $CACHE/elasticsearch. No-op when already unpacked.
set -euo pipefail
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if elasticsearch_installed; then
  log "elasticsearch: already installed ($ELASTICSEARCH_HOME)"
  exit 0
fi

require_cmd mvn "install Maven (apt-get install -y maven)"
resolve_java
mkdir -p "$CACHE/elasticsearch" "$CACHE/m2"

# Unpack into a staging dir and move it into place at the end, so an
# interrupted download never looks like a complete install.
staging="$CACHE/elasticsearch/.staging.$$"
rm -rf "$staging"
mkdir -p "$staging"
trap 'rm -rf "$staging"' EXIT

log "elasticsearch: downloading $ELASTICSEARCH_VERSION from Maven Central"
# Maven unpacks the zip itself (no unzip needed). Without a project the
# plugin writes marker files relative to the working directory, hence the cd
# and the explicit markersDirectory.
(
  cd "$staging"
  JAVA_HOME="$SERVICE_JAVA_HOME" mvn -q -B -Dstyle.color=never \
    -Dmaven.repo.local="$CACHE/m2" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ELASTICSEARCH_VERSION:zip" \
    -DoutputDirectory="$staging/out" \
    -DmarkersDirectory="$staging/markers"
)
[[ -f $staging/out/elasticsearch-$ELASTICSEARCH_VERSION/bin/elasticsearch ]] ||
  die "elasticsearch: unexpected archive layout in $staging/out"
# Scripts must be executable whatever the unpacker did with zip modes.
chmod -R a+rX "$staging/out"
chmod a+x "$staging/out/elasticsearch-$ELASTICSEARCH_VERSION/bin/"*
mv "$staging/out/elasticsearch-$ELASTICSEARCH_VERSION" "$ELASTICSEARCH_HOME"
log "elasticsearch: installed in $ELASTICSEARCH_HOME"
