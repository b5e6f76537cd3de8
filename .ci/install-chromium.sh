#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/ui), only when it is missing.
# Idempotent and quiet: prints one line when it installs, nothing when Chromium is already there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: /usr/bin/chromium is missing and apt-get is not available" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "install-chromium: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
# Another apt-get (another setup step) may hold the dpkg lock: wait for it rather than fail.
APT_WAIT=(-o DPkg::Lock::Timeout=600)
if ! { $SUDO apt-get "${APT_WAIT[@]}" update -qq &&
  $SUDO apt-get "${APT_WAIT[@]}" install -y -qq --no-install-recommends chromium fonts-liberation; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  echo "install-chromium: apt-get failed" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "install-chromium: chromium was installed but /usr/bin/chromium is still missing" >&2
  exit 1
fi
