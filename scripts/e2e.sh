#!/usr/bin/env bash
# Runs the Playwright end-to-end tests inside a network namespace that has only loopback,
# so no test traffic can leave the machine (see ../shared/TOOLCHAIN.md). Needs root (CI and dev machines have it).
set -euo pipefail
cd "$(dirname "$0")/.."
run=(npx playwright test -c e2e/playwright.config.ts "$@")
if [ "$(id -u)" = "0" ] && command -v unshare >/dev/null; then
  # The namespace the run leaves: a test that adds a packet filter rule checks it is not in this one.
  WAVA_E2E_OUTER_NETNS=$(readlink /proc/self/ns/net) && export WAVA_E2E_OUTER_NETNS
  exec unshare -n sh -c 'ip link set lo up && exec "$@"' sh "${run[@]}"
fi
echo "e2e: not root, so the browser tests cannot be isolated in a loopback-only namespace; running them unisolated." >&2
exec "${run[@]}"
