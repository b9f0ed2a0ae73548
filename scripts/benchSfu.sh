#!/usr/bin/env bash
# The SFU load benchmark (scripts/benchSfu.mts) in a private network namespace with only loopback and the veth
# pair it adds for Janus's media, like scripts/e2e.sh: nothing it sends can leave the machine. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f signaling-server/dist/main.js ] || npm run build -w signaling-server
if [ "$(id -u)" != "0" ] || ! command -v unshare >/dev/null || ! command -v janus >/dev/null; then
  echo "the SFU load benchmark needs root (a private network namespace) and Janus (apt-get install -y janus)"
  exit 1
fi
WAVA_E2E_OUTER_NETNS=$(readlink /proc/self/ns/net) && export WAVA_E2E_OUTER_NETNS
exec unshare -n sh -c 'ip link set lo up && exec "$@"' sh npx tsx scripts/benchSfu.mts
