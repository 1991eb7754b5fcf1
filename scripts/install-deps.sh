#!/usr/bin/env bash
# Install the Debian packages crossread needs, only when some are missing.
# Run as root (or with sudo available). Safe to run again: it only checks
# dpkg when everything is already there.
set -eu
# build-essential, pkg-config: compiler, make, dependency lookup
# clang, libclang-rt-14-dev: libFuzzer targets and their runtimes
# libsqlite3-dev: the store; libutf8proc-dev: Unicode normalization and
# classes; libstemmer-dev: Snowball stemmers; libcld2-dev: language
# identification; libxxhash-dev: content hashes; zlib1g-dev: gzip input;
# libcmocka-dev: unit tests; python3, sqlite3: checks in the test scripts;
# chromium, fonts-dejavu-core: the test that renders the HTML report;
# wordnet-base: the synonym classes of the comparison (WordNet 3.0 data)
pkgs=(build-essential pkg-config clang libclang-rt-14-dev libsqlite3-dev
      libutf8proc-dev libstemmer-dev libcld2-dev libxxhash-dev zlib1g-dev
      libcmocka-dev python3 sqlite3 chromium fonts-dejavu-core wordnet-base)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "crossread: installing Debian packages: ${missing[*]}" >&2
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "crossread: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
