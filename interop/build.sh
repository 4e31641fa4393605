#!/usr/bin/env bash
# Builds the QuickFIX C++ programs of interop/: build/fix-peer (the counterparty of
# test/venues/fix/interop.test.ts) and build/fix-incident (either end of a session for the chaos-proxy and
# import tests, test/harness/chaos/interop.test.ts).
# Needs Debian's libquickfix-dev and g++ (QuickFIX 1.15 headers use dynamic exception specifications,
# hence -std=c++11). Idempotent: rebuilds only when the source is newer than the binary.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
for program in fix-peer fix-incident; do
  source="${program//-/_}.cpp"
  if [[ build/$program -nt $source ]]; then
    echo "interop/build/$program is up to date"
    continue
  fi
  g++ -std=c++11 -O1 -Wall -Wno-deprecated -Wno-deprecated-declarations -o "build/$program" "$source" -lquickfix -lpthread
  echo "built interop/build/$program"
done
