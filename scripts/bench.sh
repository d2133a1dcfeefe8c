#!/usr/bin/env bash
# `make bench`: benchmarks, each beside its anchor measured in the same run. Figures are printed
# and written as JSON under target/bench/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$here/target/bench"
bash "$here/scripts/bench-engine.sh"
bash "$here/scripts/bench-stac.sh"
bash "$here/scripts/bench-vector.sh"
bash "$here/scripts/bench-raster.sh"
bash "$here/scripts/bench-cluster.sh"
