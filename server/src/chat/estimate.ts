/**
 * The honest wait estimate: from the team's recent handling time and the agents on shift, never a
 * constant. Each slot (an agent's chat capacity) frees when its current chat ends, expected at
 * `assignedAt + meanHandle`; the queue then takes slots in order, each new chat holding its slot
 * for `meanHandle`. The n-th customer's estimate is when the n-th slot frees in that replay.
 */
export interface TeamLoad {
  /** Capacity of every online agent of the team, summed. 0: nobody on shift. */
  slots: number;
  /** Seconds since each current chat of those agents was assigned. */
  busyAges: number[];
  /** Recent handle times in seconds (assignment to end), newest first. */
  recentHandles: number[];
}

/** Used until the team has handled enough chats to speak for itself. */
export const PRIOR_HANDLE_SECONDS = 300;
const PRIOR_WEIGHT = 5;

export function meanHandleSeconds(recent: number[]): number {
  const n = recent.length;
  const sum = recent.reduce((a, b) => a + b, 0);
  if (n >= PRIOR_WEIGHT) return sum / n;
  return (sum + (PRIOR_WEIGHT - n) * PRIOR_HANDLE_SECONDS) / PRIOR_WEIGHT;
}

/** Estimated seconds until each of the first `queueLength` queued chats gets an agent. */
export function estimateWaits(load: TeamLoad, queueLength: number): Array<number | null> {
  if (load.slots <= 0) return new Array(queueLength).fill(null);
  const handle = meanHandleSeconds(load.recentHandles);
  // When each slot is expected to free: a chat already past the mean still needs a moment.
  const busy = load.busyAges.slice(0, load.slots).map((age) => Math.max(handle - age, handle * 0.1));
  const free = Math.min(load.slots - busy.length, queueLength);
  // At most `queueLength` slots are taken, so only the soonest that many to free can matter
  // (a team with thousands of slots would otherwise build a heap of all of them per update).
  const frees = [...new Array<number>(Math.max(0, free)).fill(0), ...busy]
    .sort((a, b) => a - b)
    .slice(0, queueLength);
  const heap = new MinHeap(frees);
  const out: Array<number | null> = [];
  for (let i = 0; i < queueLength; i++) {
    const t = heap.pop();
    out.push(Math.round(t));
    heap.push(t + handle);
  }
  return out;
}

class MinHeap {
  private readonly a: number[];
  constructor(values: number[]) {
    this.a = [];
    for (const v of values) this.push(v);
  }
  push(v: number) {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
