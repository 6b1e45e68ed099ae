#!/usr/bin/env bash
# JMH micro-benchmarks of hot paths (decode + letterbox, Avro serde), from src/jmh/java, which only the jmh Maven
# profile compiles (so `mvn test` and the default build never see JMH).
# Usage: bench/jmh.sh [JMH options], e.g. bench/jmh.sh -f 1 -wi 2 -i 3 -rf json -rff /tmp/jmh.json
# Afterwards `mvn -B -DskipTests package` (or ./faceattr after a source change) rebuilds the plain jar.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -Pjmh -DskipTests package >&2
exec java -cp "target/faceattr.jar:target/lib/*" org.openjdk.jmh.Main "$@"
