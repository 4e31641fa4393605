#!/usr/bin/env bash
# Builds interop/build/fix-peer, the QuickFIX C++ counterparty used by test/venues/fix/interop.test.ts.
# Needs Debian's libquickfix-dev and g++ (QuickFIX 1.15 headers use dynamic exception specifications,
# hence -std=c++11). Idempotent: rebuilds only when the source is newer than the binary.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
if [[ build/fix-peer -nt fix_peer.cpp ]]; then
  echo "interop/build/fix-peer is up to date"
  exit 0
fi
g++ -std=c++11 -O1 -Wall -Wno-deprecated -Wno-deprecated-declarations -o build/fix-peer fix_peer.cpp -lquickfix -lpthread
echo "built interop/build/fix-peer"
