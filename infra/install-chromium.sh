#!/usr/bin/env bash
# Installs Chromium from Debian (used for browser tests) if it is missing.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -x /usr/bin/chromium ]]; then
  log "chromium: already installed (/usr/bin/chromium)"
  exit 0
fi
log "chromium: installing the Debian package"
apt_install chromium
[[ -x /usr/bin/chromium ]] || die "chromium: package installed but /usr/bin/chromium is missing"
log "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium))"
