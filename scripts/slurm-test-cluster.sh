#!/usr/bin/env bash
# A one-node Slurm cluster on 127.0.0.1 for tests and benches (Debian's slurm-wlm 22.05 + munge).
#   scripts/slurm-test-cluster.sh start DIR   writes configs into DIR, starts munged, slurmctld
#                                             and slurmd, waits until the node is idle, and prints
#                                             SLURM_CONF=DIR/slurm.conf
#   scripts/slurm-test-cluster.sh stop DIR    stops the three daemons started for DIR
# End states: the controller keeps finished jobs for MinJobAge (1 h) so squeue -t all still
# reports them; no slurmdbd/MariaDB (see README "Slurm" for why).
set -euo pipefail
cmd=${1:?usage: slurm-test-cluster.sh start|stop DIR}
dir=${2:?usage: slurm-test-cluster.sh start|stop DIR}

stop() {
  # Our own record of the pids (a daemon removes its pid file when it exits, whoever started it).
  [ -f "$dir/cluster.pids" ] || return 0
  for pid in $(tac "$dir/cluster.pids"); do
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir/cluster.pids"
}
record() { for _ in $(seq 1 50); do [ -s "$dir/$1.pid" ] && break; sleep 0.1; done; cat "$dir/$1.pid" >> "$dir/cluster.pids"; }

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "unknown command $cmd" >&2; exit 2; }
[ -f "$dir/cluster.pids" ] && { echo "slurm-test-cluster: a cluster is already running in $dir (stop it first)" >&2; exit 2; }

for bin in munged slurmctld slurmd sinfo; do
  command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || { echo "slurm-test-cluster: $bin not installed (apt-get install slurm-wlm munge)" >&2; exit 3; }
done
mkdir -p "$dir"/{state,spool,munge,logs}
chmod 700 "$dir/munge"
host=$(hostname -s)
# Ports from the folder's hash, so two clusters on one machine (parallel CI jobs) rarely collide.
base=$(( 20000 + $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 20000 ))
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2/1024/2)}' /proc/meminfo)
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
cat > "$dir/slurm.conf" <<CONF
ClusterName=greenlight-test
SlurmctldHost=${host}(127.0.0.1)
SlurmctldPort=${base}
SlurmdPort=$((base + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${dir}/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SlurmUser=root
SlurmdUser=root
StateSaveLocation=${dir}/state
SlurmdSpoolDir=${dir}/spool
SlurmctldPidFile=${dir}/slurmctld.pid
SlurmdPidFile=${dir}/slurmd.pid
SlurmctldLogFile=${dir}/logs/slurmctld.log
SlurmdLogFile=${dir}/logs/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=3600
KillWait=2
OverTimeLimit=0
InactiveLimit=0
MaxArraySize=2001
MaxJobCount=20000
SchedulerParameters=defer_batch=0
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem} State=UNKNOWN
PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:64
CONF
printf 'CgroupPlugin=cgroup/v1\nIgnoreSystemd=yes\n' > "$dir/cgroup.conf"
export SLURM_CONF="$dir/slurm.conf"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munged.pid" --log-file="$dir/logs/munged.log" --seed-file="$dir/munge/seed"
record munged
/usr/sbin/slurmctld -f "$SLURM_CONF" || { stop; exit 1; }
record slurmctld
/usr/sbin/slurmd -f "$SLURM_CONF" -N "$host" || { stop; exit 1; }
record slurmd
for _ in $(seq 1 150); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
  if [ "$state" = idle ]; then echo "SLURM_CONF=$SLURM_CONF"; exit 0; fi
  sleep 0.2
done
echo "slurm-test-cluster: the node did not become idle (state: ${state:-none}); logs in $dir/logs" >&2
stop
exit 1
