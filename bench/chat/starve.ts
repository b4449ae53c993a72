/**
 * Loaded with `--import` into a Kefu node by bench/chat/overload.ts: starves its event loop the
 * way a CPU hog on a shared machine does, burning BENCH_STARVE_SLICE_MS out of every
 * BENCH_STARVE_PERIOD_MS, until the parent sends {kind:"unstarve"}. Works on any version of the
 * node (it touches nothing of Kefu), so the same starvation runs against the code before and after.
 */
const slice = Number(process.env.BENCH_STARVE_SLICE_MS ?? 0);
const period = Number(process.env.BENCH_STARVE_PERIOD_MS ?? 0);
let on = slice > 0 && period > slice;
const burn = () => {
  if (!on) return;
  const until = Date.now() + slice;
  while (Date.now() < until) {
    // busy: this is the point
  }
  setTimeout(burn, period - slice).unref();
};
process.on('message', (m: { kind?: string }) => {
  if (m?.kind === 'starve') {
    on = slice > 0 && period > slice;
    burn();
  }
  if (m?.kind === 'unstarve') on = false;
});
