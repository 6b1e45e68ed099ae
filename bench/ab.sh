#!/usr/bin/env bash
# A/B benchmark on one machine in one run: the same `faceattr bench ...` command alternated between the build of a
# git revision (A) and the build of this working tree (B), ROUNDS times each, so that both see the same load.
# Prints, for every images/s figure in the JSON the command writes, A's and B's medians and B/A.
#
#   bench/ab.sh REV ROUNDS bench model --batch 32 --repeats 5
#   bench/ab.sh 70ab405 3 bench train --images 200
#
# REV is built once into target/ab/REV (a detached git worktree); this tree's target/faceattr.jar is built by
# ./faceattr as usual. Figures and JSON files land in target/ab/runs/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 3 ]]; then
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
rev="$1" rounds="$2"
shift 2
base="$here/target/ab/$rev"
if [[ ! -f "$base/target/faceattr.jar" ]]; then
  echo "ab: building $rev into $base ..." >&2
  rm -rf "$base"
  git -C "$here" worktree add --force --detach "$base" "$rev" >/dev/null
  (cd "$base" && mvn -B -q -DskipTests package) >&2
fi
"$here/faceattr" --version >/dev/null  # builds this tree's jar when sources changed
runs="$here/target/ab/runs"
mkdir -p "$runs"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
for ((i = 1; i <= rounds; i++)); do
  for side in A B; do
    jar="$here/target/faceattr.jar"
    [[ $side == A ]] && jar="$base/target/faceattr.jar"
    out="$runs/$stamp-$side-$i.json"
    echo "ab: round $i/$rounds, $side ..." >&2
    java ${FACEATTR_JAVA_OPTS:--Xmx4g} -jar "$jar" "$@" --json "$out" >/dev/null
  done
done
python3 - "$runs" "$stamp" "$rev" "$*" <<'PY'
import json, statistics, sys, glob, os
runs, stamp, rev, command = sys.argv[1:]
def leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, path + (str(k),))
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, float(node)
def figures(side):
    per = {}
    for f in sorted(glob.glob(os.path.join(runs, f"{stamp}-{side}-*.json"))):
        for path, v in leaves(json.load(open(f))):
            if any("imagespersecond" in p.lower() or "throughput" in p.lower() or p == "batches" for p in path):
                per.setdefault(".".join(path), []).append(v)
    return per
a, b = figures("A"), figures("B")
print(f"faceattr {command}: A = {rev}, B = this tree; medians of {len(next(iter(a.values()), []))} alternated runs")
print(f"{'figure':48} {'A':>10} {'B':>10} {'B/A':>7}")
for key in a:
    if key in b:
        ma, mb = statistics.median(a[key]), statistics.median(b[key])
        print(f"{key:48} {ma:10.2f} {mb:10.2f} {mb / ma if ma else float('nan'):7.2f}")
PY
