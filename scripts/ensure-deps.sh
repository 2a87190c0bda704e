#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than the lockfile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]]; then
  echo "==> Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
elif [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "==> Updating npm dependencies (npm install)"
  npm install --no-audit --no-fund
fi
