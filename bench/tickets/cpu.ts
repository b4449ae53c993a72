import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent per ticket by each party, read from /proc (Linux): the server process, the
 * PostgreSQL backends serving the benchmark's database, and the load generator (this process).
 * On a shared machine the rate moves with the load; the CPU spent per ticket hardly does, and it
 * gives the rate the same code would reach on cores of its own.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux.

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces): [1] is the parent,
 * [11] and [12] user and kernel time, [13] and [14] those of the children it has reaped, in ticks.
 */
function statFieldsOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function ticksOf(pid: number): number {
  const [user, system] = userSystemTicksOf(pid);
  return user + system;
}

/** User and kernel (system-call) time of a process, in ticks. */
function userSystemTicksOf(pid: number): [number, number] {
  const f = statFieldsOf(pid);
  return f ? [Number(f[11]), Number(f[12])] : [0, 0];
}

/** PostgreSQL backends connected to `database` (their title names it). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres:') && cmd.includes(` ${database} `)) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

/** The PostgreSQL server's main process: the parent of a backend. */
function postmasterOf(backend: number): number | null {
  const parent = statFieldsOf(backend)?.[1];
  return parent ? Number(parent) : null;
}

/**
 * Every PostgreSQL process's CPU, in ticks: the server's main process with the children it has
 * reaped (autovacuum workers and backends that exited) and its live children (backends of every
 * database, WAL writer, checkpointer, autovacuum). The difference of two readings is what the whole
 * cluster spent between them, write-ahead log and vacuum included, which the benchmark's own
 * backends do not show. Each process's stat is read once.
 */
function clusterTicksOf(postmaster: number): number {
  const main = statFieldsOf(postmaster);
  if (!main) return 0;
  let ticks = Number(main[11]) + Number(main[12]) + Number(main[13]) + Number(main[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFieldsOf(Number(entry));
    if (f && Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks;
}

export interface CpuShare {
  serverMs: number;
  /** The part of serverMs spent in the kernel (system calls: sockets to PostgreSQL and clients). */
  serverSystemMs: number;
  postgresMs: number;
  /** The whole PostgreSQL cluster (all its processes, WAL and vacuum included); 0 when unknown. */
  postgresAllMs: number;
  clientMs: number;
}

/** Starts counting; the returned function gives the CPU milliseconds per ticket since. */
export function countCpu(serverPid: number | null, database: string | null) {
  const backendsAtStart = new Map((database ? backendsOf(database) : []).map((p) => [p, ticksOf(p)]));
  const anyBackend = backendsAtStart.keys().next().value;
  const postmaster = anyBackend === undefined ? null : postmasterOf(anyBackend);
  const clusterAtStart = postmaster ? clusterTicksOf(postmaster) : 0;
  const [serverUserAtStart, serverSystemAtStart] = serverPid ? userSystemTicksOf(serverPid) : [0, 0];
  const clientAtStart = process.cpuUsage();
  return (tickets: number): CpuShare => {
    let postgres = 0;
    for (const pid of database ? backendsOf(database) : [])
      postgres += ticksOf(pid) - (backendsAtStart.get(pid) ?? 0);
    const client = process.cpuUsage(clientAtStart);
    const [serverUser, serverSystem] = serverPid ? userSystemTicksOf(serverPid) : [0, 0];
    const serverSystemTicks = serverSystem - serverSystemAtStart;
    return {
      serverMs: ((serverUser - serverUserAtStart + serverSystemTicks) * TICK_MS) / tickets,
      serverSystemMs: (serverSystemTicks * TICK_MS) / tickets,
      postgresMs: (postgres * TICK_MS) / tickets,
      postgresAllMs: postmaster ? ((clusterTicksOf(postmaster) - clusterAtStart) * TICK_MS) / tickets : 0,
      clientMs: (client.user + client.system) / 1000 / tickets,
    };
  };
}
