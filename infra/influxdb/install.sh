#!/usr/bin/env bash
# Installs InfluxDB 1.x from Debian (package "influxdb") if influxd is missing.
set -euo pipefail
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if influxdb_installed; then
  log "influxdb: already installed ($(command -v influxd))"
  exit 0
fi

# The package's maintainer script would start a system-wide influxd on the
# default ports, which then collides with ours. policy-rc.d is Debian's
# standard switch to keep services from being started during installs; add
# one only if the machine has none, and remove it afterwards.
policy=/usr/sbin/policy-rc.d
marker="# sightline infra: temporary, blocks service starts during install"
remove_policy() {
  if [[ -f $policy ]] && grep -qF "$marker" "$policy"; then as_root rm -f "$policy"; fi
}
if [[ ! -e $policy ]]; then
  # shellcheck disable=SC2016  # expanded by the inner sh
  as_root sh -c 'printf "#!/bin/sh\n%s\nexit 101\n" "$1" >"$2" && chmod 755 "$2"' sh "$marker" "$policy"
  trap remove_policy EXIT
fi

log "influxdb: installing the Debian package"
apt_install --no-install-recommends influxdb
influxdb_installed || die "influxdb: package installed but influxd is not on PATH"
log "influxdb: installed ($(command -v influxd))"
