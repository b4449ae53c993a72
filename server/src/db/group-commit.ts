/**
 * Gathers work that arrives while earlier work is being written, and hands it over in batches:
 * nothing waits for a timer (an idle node writes a message at once, alone), and the busier the
 * node, the more each batch carries. At most `maxInFlight` batches run at a time, and two items
 * with the same key (a ticket) are never in flight together: the second waits for the first's
 * batch to finish, so one ticket's messages keep their order and never lock against each other.
 */
/** A thrown value as the Error a batch's result gives one item (`run`'s per-item answer). */
export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export interface GroupCommit<I, O> {
  submit(item: I): Promise<O>;
}

interface Pending<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export function groupCommit<I, O>(options: {
  keyOf(item: I): string;
  /** Writes a batch; one result per item, in order (an Error rejects that item only). */
  run(batch: I[]): Promise<Array<O | Error>>;
  maxBatch: number;
  maxInFlight: number;
  /**
   * Wait one turn of the event loop before a run, for what that turn brings. For an embedded
   * database (PGlite), whose statement runs to its end before the caller gets control back, so
   * nothing arrives while a run is out and no batch would ever form.
   */
  gatherForOneTurn?: boolean;
}): GroupCommit<I, O> {
  let queue: Pending<I, O>[] = [];
  const busy = new Set<string>();
  let inFlight = 0;
  let turnScheduled = false;

  function schedule() {
    if (!options.gatherForOneTurn) return pump();
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(() => {
      turnScheduled = false;
      pump();
    });
  }

  function pump() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch: Pending<I, O>[] = [];
      const keys: string[] = [];
      const rest: Pending<I, O>[] = [];
      for (const p of queue) {
        const key = options.keyOf(p.item);
        if (batch.length >= options.maxBatch || busy.has(key)) rest.push(p);
        else {
          busy.add(key);
          keys.push(key);
          batch.push(p);
        }
      }
      queue = rest;
      if (batch.length === 0) return;
      inFlight++;
      options
        .run(batch.map((p) => p.item))
        .then(
          (results) => {
            batch.forEach((p, k) => {
              const r = results[k];
              if (r instanceof Error) p.reject(r);
              else p.resolve(r as O);
            });
          },
          (err: unknown) => {
            for (const p of batch) p.reject(err);
          },
        )
        .finally(() => {
          inFlight--;
          for (const key of keys) busy.delete(key);
          schedule();
        });
    }
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}
