#!/usr/bin/env bash
# The one run command (npm start): installs what is missing, builds, and starts Sightline in one
# process with the embedded bus and store. Nothing else to install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-deps.sh
echo "==> Building (a minute or two the first time; later starts reuse what was built)"
# One line per package as it is built or found built, so a first start shows it is moving.
npx turbo run build --filter=@sightline/standalone... --output-logs=hash-only
echo "==> Starting Sightline (the admin app's address follows when it is ready)"
exec node apps/standalone/dist/main.js
