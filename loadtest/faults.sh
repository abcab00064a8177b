#!/usr/bin/env bash
# The fault-injection suite at full scale: 4x longer storms, 64 client threads, a 5-minute soak.
# CI runs the same scenarios at the "ci" scale as part of ./velocity test.
#   loadtest/faults.sh            every scenario
#   loadtest/faults.sh soak*      only the matching test methods
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-*}
mkdir -p target
./mvnw -B -q -DskipTests install
./mvnw -B -pl system-tests verify -Dvelocity.faults.scale=full \
  -Dtest="FaultInjectionIntegrationTests#${filter}" -Dsurefire.failIfNoSpecifiedTests=false \
  | tee target/faults-full.log | grep -E "FAULT-FIGURES|SOAK|Tests run:|FAIL" || true
echo
echo "| scenario | requests | accepted (200) | persisted | oversold | lost | duplicates |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
grep -h "FAULT-FIGURES" target/faults-full.log | sed 's/.*FAULT-FIGURES //'
