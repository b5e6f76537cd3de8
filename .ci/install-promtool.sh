#!/usr/bin/env bash
# Installs Debian's Prometheus for its promtool (the metrics test pipes /metrics through
# `promtool check metrics`), only when promtool is missing.
# Idempotent and quiet: prints one line when it installs, nothing when promtool is already there.
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-promtool: promtool is missing and apt-get is not available" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "install-promtool: installing Debian's prometheus (for promtool)"
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
# Another apt-get (another setup step) may hold the dpkg lock: wait for it rather than fail.
APT_WAIT=(-o DPkg::Lock::Timeout=600)
# policy-rc.d 101: the package's service is not started here; CI needs the tool, not a server.
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=""
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  ADDED_POLICY=1
fi
status=0
{ $SUDO apt-get "${APT_WAIT[@]}" update -qq &&
  $SUDO apt-get "${APT_WAIT[@]}" install -y -qq --no-install-recommends prometheus; } >"$LOG" 2>&1 ||
  status=$?
if [ -n "$ADDED_POLICY" ]; then $SUDO rm -f "$POLICY"; fi
if [ $status -ne 0 ]; then
  cat "$LOG" >&2
  echo "install-promtool: apt-get failed" >&2
  exit 1
fi

if ! command -v promtool >/dev/null 2>&1; then
  echo "install-promtool: prometheus was installed but promtool is still missing" >&2
  exit 1
fi
