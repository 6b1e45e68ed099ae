#!/usr/bin/env bash
# Crash test: runs the real service (`faceattr.cli.Main serve --config FILE` with the bundled model) as a separate
# JVM against a real (in-JVM KRaft) broker and schema registry, SIGKILLs it at random moments six times while a fixed
# number of events flows, SIGTERMs it once, runs it to the end, and checks with a read_committed consumer that every
# input id has exactly one output (attribute record or dead letter). Prints the figures line:
#   KILL-TEST events=... bad=... during_kills=... tagged_by_killed_runs=... sigkills=6 sigterms=1 outputs=...
#     lost=0 duplicated=0 aborted_records=... seconds=... model=... seed=...
# The same test (faceattr.service.KillTest, tag "process") runs in `mvn verify` (full tier); this script runs it alone, N times.
# About 2 minutes a run on 2 cores.
# Usage: scripts/kill-test.sh [RUNS]   (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
for ((i = 1; i <= runs; i++)); do
  echo "kill test run $i of $runs" >&2
  mvn -B -q -Dstyle.color=never verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=KillTest \
    || { echo "kill test FAILED (see target/failsafe-reports/faceattr.service.KillTest-output.txt)" >&2; exit 1; }
  grep -h '^KILL-TEST ' target/failsafe-reports/faceattr.service.KillTest-output.txt
done
