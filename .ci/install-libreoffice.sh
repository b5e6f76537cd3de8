#!/usr/bin/env bash
# Installs Debian's LibreOffice Writer and Calc without a GUI for the document tests (Word files
# converted to ODT, CSV files read as Calc reads them), only when `soffice` is missing.
# Idempotent and quiet: prints one line when it installs, nothing when soffice is already there.
set -euo pipefail

has_package() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
has_calc() {
  # Without dpkg (not Debian) an installed soffice is taken as a whole LibreOffice.
  ! command -v dpkg-query >/dev/null 2>&1 || has_package libreoffice-calc-nogui || has_package libreoffice-calc
}

if command -v soffice >/dev/null 2>&1 && has_calc; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-libreoffice: soffice is missing and apt-get is not available" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "install-libreoffice: installing Debian's libreoffice-writer-nogui and libreoffice-calc-nogui"
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
# Another apt-get (another setup step) may hold the dpkg lock: wait for it rather than fail.
APT_WAIT=(-o DPkg::Lock::Timeout=600)
if ! { $SUDO apt-get "${APT_WAIT[@]}" update -qq &&
  $SUDO apt-get "${APT_WAIT[@]}" install -y -qq --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  echo "install-libreoffice: apt-get failed" >&2
  exit 1
fi

if ! command -v soffice >/dev/null 2>&1; then
  echo "install-libreoffice: LibreOffice was installed but soffice is still missing" >&2
  exit 1
fi
