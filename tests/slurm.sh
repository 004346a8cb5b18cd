#!/bin/sh
# tests/slurm.sh BIN [SHARED]: scripts/slurm/run.sh on a real one-node
# Slurm cluster (Debian's slurm-wlm and munge) that this script starts
# itself, with no systemd: munged (its own socket), slurmctld and slurmd
# on 127.0.0.1 with a slurm.conf written here, free ports picked at run
# time. Then 8 shards of PolNeAR train + dev and the French dev articles
# as a job array, merged: byte for byte one `dixit extract`. Then a shard
# made to fail (its file taken away): reported by name, non-zero; put
# back and its task alone rerun (run.sh -r submits --array=3), merged,
# identical again. Every daemon is stopped at the end, also on failure.
# Without SHARED/data, a corpus of the repository's examples instead
# (tests/scale_inputs.sh). With DIXIT_SLURM_THEN, that
# command runs on the cluster before it stops (bench/scale.sh).
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/check.sh"
. "$here/scale_inputs.sh"
[ -d "$shared/data/polnear" ] || echo "slurm: $shared/data absent; the repository's examples instead"
for c in slurmctld slurmd sbatch squeue sinfo munged; do
    command -v $c >/dev/null || PATH=$PATH:/usr/sbin
    command -v $c >/dev/null || { echo "FAIL $c not installed (apt-get install slurm-wlm munge)"; exit 1; }
done

pids=
# the daemons, last started first; munged by its own pid (runuser, its
# parent, then ends by itself)
stop_all() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    [ ! -s "$t/munge/munged.pid" ] || kill "$(cat "$t/munge/munged.pid")" 2>/dev/null
    for p in $pids $runuser; do
        i=0
        while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$p" 2>/dev/null
    done
    [ -n "$KEEP" ] || rm -rf "$t"
}
trap stop_all EXIT
trap 'exit 1' INT TERM

# two free TCP ports on 127.0.0.1
ports=$(python3 -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')
set -- $ports
ctld_port=$1 d_port=$2

# munge: the machine's key (made when missing), a daemon of our own
if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    /usr/sbin/mungekey -c -k /etc/munge/munge.key 2>/dev/null ||
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
fi
chmod 755 "$t"
mkdir -p "$t/munge" "$t/state" "$t/spool" "$t/log"
chown munge:munge "$t/munge"
chmod 711 "$t/munge"
runuser=
sock=$t/munge/munge.socket
runuser -u munge -- /usr/sbin/munged -F --force --socket="$sock" --pid-file="$t/munge/munged.pid" \
    --log-file="$t/munge/munged.log" --seed-file="$t/munge/munged.seed" >"$t/log/munged.out" 2>&1 &
runuser=$!

node=$(hostname -s)
cat >"$t/slurm.conf" <<CONF
ClusterName=dixit
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
# start tasks as soon as they are submitted or a CPU frees (a test
# cluster has no queue to be fair to)
SchedulerType=sched/builtin
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
MpiDefault=none
StateSaveLocation=$t/state
SlurmdSpoolDir=$t/spool
SlurmctldPidFile=$t/slurmctld.pid
SlurmdPidFile=$t/slurmd.pid
SlurmctldLogFile=$t/log/slurmctld.log
SlurmdLogFile=$t/log/slurmd.log
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
SLURM_CONF=$t/slurm.conf
export SLURM_CONF
i=0
while [ ! -S "$sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
slurmctld -D -i -f "$SLURM_CONF" >"$t/log/slurmctld.out" 2>&1 &
pids="$! $pids"
slurmd -D -f "$SLURM_CONF" -N "$node" >"$t/log/slurmd.out" 2>&1 &
pids="$! $pids"
i=0
while ! sinfo -h -o %T 2>/dev/null | grep -q idle && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
check "a one-node cluster: munged, slurmctld and slurmd up, the node idle" 'sinfo -h -o %T | grep -q idle' ||
    { tail -5 "$t/log/slurmctld.log" "$t/log/slurmd.log" "$t"/log/*.out; exit 1; }

# the inputs, by absolute paths (the tasks run in this folder too)
ins=$(scale_inputs "$shared" "$t")
cd "$t" || exit 1
"$bin" extract -q $ins >whole.jsonl
export DIXIT_BIN="$bin" DIXIT_POLL=0.5
sh "$root/scripts/slurm/run.sh" -o merged.jsonl -n 8 -k $ins 2>run.err
st=$?
check "run.sh over 8 shards: status 0, 8 tasks done" \
    '[ $st = 0 ] && [ $(ls merged.jsonl.work/out/shard-*.jsonl.done | wc -l) = 8 ]' || cat run.err
check "the merged output is byte for byte one dixit extract's" 'cmp merged.jsonl whole.jsonl'
check "each task logged and kept its exit status" \
    '[ $(ls merged.jsonl.work/out/slurm-*_*.log | wc -l) = 8 ] && [ $(cat merged.jsonl.work/out/shard-*.status | wc -l) = 8 ]'

# a shard that fails for real: its file is gone when its task runs
w=merged2.jsonl.work
mkdir -p "$w/out" && "$bin" shard --parts 8 $ins --out "$w/shards"
mv "$w/shards/shard-0003.jsonl" "$w/away"
sh "$root/scripts/slurm/run.sh" -r -o merged2.jsonl -k 2>run2.err
st=$?
check "a shard whose file is gone: run.sh exits 1 and names task 3 alone" \
    '[ $st = 1 ] && grep -q "task 3 (shard shard-0003.jsonl) failed" run2.err && [ $(grep -c "^run.sh: task" run2.err) = 1 ] && [ ! -e merged2.jsonl ]' ||
    cat run2.err
check "its message names the shard file" 'grep -q "shard-0003.jsonl: cannot open" "$w/out/shard-0003.err"'
mv "$w/away" "$w/shards/shard-0003.jsonl"
sh "$root/scripts/slurm/run.sh" -r -o merged2.jsonl -k 2>run3.err
st=$?
check "put back, task 3 alone rerun (--array=3), merged: identical" \
    '[ $st = 0 ] && grep -q "tasks 3$" run3.err && cmp merged2.jsonl whole.jsonl' || cat run3.err
# bench/scale.sh measures on this cluster: DIXIT_SLURM_THEN is run here
# with SLURM_CONF set, before the daemons stop
if [ -n "${DIXIT_SLURM_THEN:-}" ]; then
    sh -c "$DIXIT_SLURM_THEN"
    check "the measurement ran" '[ $? = 0 ]'
fi
passed slurm
