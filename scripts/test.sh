#!/usr/bin/env bash
# The one test command: sets up what the tests need (Debian packages, npm packages, builds), then runs
# every check and suite, and ends with one line "N passed, N failed". Exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
mkdir -p .tmp
# Reports of an earlier run must never be summarised as this run's (a runner that crashes writes none).
rm -f .tmp/vitest-report.json .tmp/e2e-report.json
CHECKS=.tmp/checks.txt
: > "$CHECKS"

step() { echo; echo "=== $* ==="; }

# 1. System packages: Chromium (real calls), coturn (real TURN), iptables (breaks media inside the e2e namespace),
#    PostgreSQL (the storage suite starts a throwaway cluster of its own; it fails rather than skips without it),
#    Redis and haproxy (the several-servers suite starts its own redis-server and haproxy on free loopback ports),
#    Janus (the SFU suite starts its own `janus -F <generated dir>` on free loopback ports), openssl (the SFU
#    suite's TLS proxy, docs/deploy/haproxy-janus.cfg in a real haproxy, gets a throwaway certificate from it).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v turnserver >/dev/null || missing+=(coturn)
[ -x /usr/sbin/iptables ] || command -v iptables >/dev/null || missing+=(iptables)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null || missing+=(haproxy)
command -v janus >/dev/null || missing+=(janus)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  step "Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || { echo "apt-get failed"; exit 1; }
  else
    echo "Please install them first: sudo apt-get install -y ${missing[*]}"; exit 1
  fi
fi

# 2. npm packages, exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; exit 1; }
fi

check() {
  local name=$1; shift
  step "$name"
  if "$@"; then echo "pass $name" >> "$CHECKS"; else echo "fail $name" >> "$CHECKS"; fi
}

# 3. Builds and static checks, each counted as a test.
check "build: renderer, main and preload (electron-vite)" npm run build -w desktop
check "build: server" npm run build -w signaling-server
check "typecheck: protocol" npx tsc --noEmit -p protocol
check "typecheck: server" npx tsc --noEmit -p signaling-server
check "typecheck: desktop main (real Electron typings)" npx tsc --noEmit -p desktop/tsconfig.main.json
check "typecheck: desktop preload" npx tsc --noEmit -p desktop/tsconfig.preload.json
check "typecheck: renderer (no Node types)" npx tsc --noEmit -p desktop/tsconfig.renderer.json
check "typecheck: e2e" npx tsc --noEmit -p e2e
check "lint" npx eslint . --max-warnings=0

# 4. Unit, integration and server tests (Vitest).
step "Vitest: protocol, server, desktop main, renderer"
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report.json

# 5. End-to-end in real Chromium, in a loopback-only network namespace.
step "Playwright: real calls in Chromium (+ Electron where its binary exists)"
bash scripts/e2e.sh --project=browser --project=electron

node scripts/summarize-tests.mjs
