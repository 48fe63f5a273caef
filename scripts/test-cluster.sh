#!/usr/bin/env bash
# make test-cluster: runs one scenario of each family as a 4-shard Slurm job array on a real,
# single-node Slurm cluster started on this machine, and checks that the merged results are
# byte-identical to a single-machine 'mechsim run --out'.
#
# Installs slurm-wlm and munge with apt-get if missing, starts munged, slurmctld and slurmd with
# a configuration generated into a temporary directory (one node, proctrack/linuxproc,
# task/none), and on exit stops the daemons it started (by process id) and removes the
# temporary state. Needs root (Slurm's daemons run as root here). MECHSIM names the mechsim
# executable (default: .build/release/mechsim, built by the Makefile).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MECHSIM=${MECHSIM:-$ROOT/.build/release/mechsim}
MECHSIM=$(readlink -f "$MECHSIM")
SHARDS=4
TIMEOUT=${TEST_CLUSTER_TIMEOUT:-900}

say() { echo "test-cluster: $*" >&2; }
[ "$(id -u)" = 0 ] || { say "run as root (the Slurm daemons of the test cluster run as root)"; exit 1; }
[ -x "$MECHSIM" ] || { say "no mechsim executable at $MECHSIM (run 'make build' or set MECHSIM)"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
export PATH="/usr/sbin:/sbin:$PATH"

T=$(mktemp -d /tmp/mechsim-cluster.XXXXXX)
chmod 755 "$T"
PIDS=()
cleanup() {
  local status=$?
  for ((k = ${#PIDS[@]} - 1; k >= 0; k--)); do kill "${PIDS[k]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$T"
  exit $status
}
trap cleanup EXIT
logs() {
  for f in "$T"/munged.log "$T"/slurmctld.log "$T"/slurmd.log; do
    [ -f "$f" ] && { echo "---- tail of $(basename "$f")" >&2; tail -n 30 "$f" >&2; }
  done
  for f in "$T"/results-*.shards/*.log; do
    [ -f "$f" ] && { echo "---- $f" >&2; tail -n 20 "$f" >&2; }
  done
  return 0
}
fail() { say "FAILED: $*"; logs; exit 1; }

# munge: our own daemon on our own socket with a key of its own in the temporary directory; the
# machine's munge (if any) is left alone.
mkdir -p "$T/munge"; chmod 700 "$T/munge"
KEY="$T/munge/munge.key"
dd if=/dev/urandom of="$KEY" bs=1 count=1024 status=none
chmod 400 "$KEY"
munged --foreground --force --key-file="$KEY" --socket="$T/munge/munge.socket" \
  --pid-file="$T/munge/munged.pid" --seed-file="$T/munge/munged.seed" --log-file="$T/munged.log" >>"$T/munged.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$T/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$T/munge/munge.socket" ] || fail "munged did not start"

NODE=$(hostname -s)
CPUS=$(nproc); [ "$CPUS" -gt 2 ] && CPUS=2
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])' 2>/dev/null || echo "$1"; }
mkdir -p "$T/state" "$T/spool"
export SLURM_CONF="$T/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=mechsim-test
SlurmctldHost=$NODE
SlurmctldPort=$(port 16817)
SlurmdPort=$(port 16818)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/munge.socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$NODE CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF

START=$(date +%s)
slurmctld -D -i -f "$SLURM_CONF" >>"$T/slurmctld.log" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >>"$T/slurmd.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do
  state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "${state:-}" = idle ] || fail "node $NODE is not idle after 60 s (state '${state:-none}')"
say "single-node cluster up in $(( $(date +%s) - START )) s (node $NODE, $CPUS CPUs, slurm $(sinfo --version | cut -d' ' -f2))"

# One small scenario of each family.
mkdir -p "$T/scenarios"
cat > "$T/scenarios/facility-location.yaml" <<'YAML'
domain: facility-location
title: cluster test, facility location
agents: [3, 9]
profiles: {distribution: beta, a: 2, b: 5, count: 20000, seed: 77}
mechanisms: [median, random-rank, uniform-phantom]
metrics: [expected-total-cost, social-welfare-ratio]
YAML
cat > "$T/scenarios/position-auctions.yaml" <<'YAML'
domain: position-auctions
title: cluster test, position auctions
mechanisms: [vcg, myerson, gsp]
simulation:
  user_models: [separable]
  advertisers: [2, 3]
  positions: [1]
  caps: [1]
  ctr: {distribution: separable, alpha: 1, beta: [1]}
  values: {distribution: uniform, low: 0, high: 1}
  auctions: 2000
  seed: 11
YAML
cat > "$T/scenarios/strategic-bandits-click.yaml" <<'YAML'
domain: strategic-bandits
title: cluster test, click bandits
experiment: a1
instance: {means: [0.8, 0.7, 0.6, 0.5, 0.4], lambda: 5}
seed: 1
seeds: 4
horizons: [1000, 3000]
columns:
  - {mechanism: ucb-s, profile: "P*"}
  - {mechanism: ucb-utility, profile: P_cb}
YAML
cat > "$T/scenarios/strategic-bandits-linear.yaml" <<'YAML'
domain: strategic-bandits
title: cluster test, linear bandits
experiment: b1
linear:
  theta: [1, 1, 0.8, 1, 1]
  features:
    - [0.1, -0.1, -0.1, -0.1, -0.1]
    - [-0.1, 0.1, -0.1, -0.1, -0.1]
    - [-0.1, -0.1, 0.1, -0.1, -0.1]
    - [-0.1, -0.1, -0.1, 0.1, -0.1]
  noise_sd: 0.5
mechanisms: [linucb, optgtm]
seed: 1
horizon: 1000
epochs: 2
executions: 2
YAML
cat > "$T/scenarios/derandomized.yaml" <<'YAML'
domain: derandomized
title: cluster test, derandomized random dictator
mechanism: random-dictator
method: game-first
reports: [[0, 1, 2], [1, 2, 0], [2, 0, 1]]
simulation: {runs: 40000, seed: 6, deviator: {agent: 0, moves: [0]}}
YAML
cp scenarios/papers/cacciamani2023-information-acquisition/A3.json "$T/scenarios/A3.json"
cat > "$T/scenarios/information-acquisition.yaml" <<'YAML'
domain: information-acquisition
title: cluster test, information acquisition
instances:
  - {name: A3, path: A3.json}
mechanisms: [optimal-correlated-mechanism]
online:
  - {name: etc, algorithm: explore-then-commit, instance: A3, horizons: [1000, 4000, 16000], seeds: 4, seed: 5, radius_scale: 0.1}
YAML

FAMILIES=(facility-location position-auctions strategic-bandits-click strategic-bandits-linear derandomized information-acquisition)
declare -A MERGE_JOB ARRAY_JOB
SUBMITTED=$(date +%s)
for f in "${FAMILIES[@]}"; do
  out=$("$MECHSIM" cluster slurm "$T/scenarios/$f.yaml" --shards $SHARDS --out "$T/results-$f.json" \
        --cpus-per-task 1 --time 00:15:00 --submit) || fail "mechsim cluster slurm $f.yaml --submit"
  ARRAY_JOB[$f]=$(sed -n 's/^array job //p' <<<"$out")
  MERGE_JOB[$f]=$(sed -n 's/^merge job //p' <<<"$out")
  [ -n "${MERGE_JOB[$f]}" ] || fail "no merge job id for $f in: $out"
  say "$f: array job ${ARRAY_JOB[$f]} ($SHARDS tasks), merge job ${MERGE_JOB[$f]} (afterok)"
done

job_state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n1; }
for f in "${FAMILIES[@]}"; do
  id=${MERGE_JOB[$f]}
  while :; do
    state=$(job_state "$id")
    case "$state" in
      COMPLETED) break ;;
      FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE) scontrol show job "$id" >&2 || true; fail "merge job $id of $f ended $state" ;;
      PENDING)
        reason=$(scontrol show job "$id" | sed -n 's/.*Reason=\([A-Za-z_]*\).*/\1/p' | head -n1)
        [ "$reason" = DependencyNeverSatisfied ] && { scontrol show job "${ARRAY_JOB[$f]}" >&2 || true; fail "an array task of $f failed, so its merge job $id never runs"; } ;;
    esac
    [ $(( $(date +%s) - SUBMITTED )) -lt "$TIMEOUT" ] || { squeue >&2 || true; fail "merge job $id of $f still $state after $TIMEOUT s"; }
    sleep 1
  done
done
ELAPSED=$(( $(date +%s) - SUBMITTED ))
say "all ${#FAMILIES[@]} array jobs and merge jobs completed in $ELAPSED s"

status=0
for f in "${FAMILIES[@]}"; do
  n=$(find "$T/results-$f.shards" -name "shard-*-of-$SHARDS.json" | wc -l)
  [ "$n" = $SHARDS ] || { say "$f: $n shard files, expected $SHARDS"; status=1; }
  "$MECHSIM" run "$T/scenarios/$f.yaml" --out "$T/whole-$f.json" --quiet >/dev/null || fail "single-machine run of $f"
  if cmp -s "$T/results-$f.json" "$T/whole-$f.json"; then
    say "$f: merged results of $SHARDS Slurm tasks are byte-identical to the single-machine run ($(wc -c <"$T/whole-$f.json") bytes)"
  else
    say "$f: merged results differ from the single-machine run"; cmp "$T/results-$f.json" "$T/whole-$f.json" >&2 || true; status=1
  fi
done
[ $status = 0 ] || fail "merged results differ"
say "passed"
