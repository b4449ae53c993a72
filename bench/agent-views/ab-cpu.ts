/**
 * CPU of the inbox and search functions of two checkouts, in one process, interleaved: the
 * machine's speed drifts between whole bench runs (its neighbours), not between two batches a
 * second apart. Needs the kept 100,000-ticket database of `bench:agent-views -- --keep`.
 *   node bench/agent-views/ab-cpu.ts /path/to/base-checkout [rounds]
 * Prints, per case, the median over rounds of CPU ms per call for the base and for this checkout, and
 * of wall ms per call (one call at a time: this process's CPU plus PostgreSQL's time and the waits).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [baseDir, roundsArg] = process.argv.slice(2);
if (!baseDir) throw new Error('usage: ab-cpu.ts <base checkout> [rounds]');
const ROUNDS = Number(roundsArg ?? 12);
const CALLS = 100;
const url = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/kefu_bench_views';

type List = (db: unknown, filters: Record<string, unknown>, page: { limit: number }) => Promise<unknown>;
async function load(dir: string, listModule: string) {
  const at = (p: string) => pathToFileURL(join(resolve(dir), 'server/src', p)).href;
  const { openPostgres } = await import(at('db/client.ts'));
  const { listTickets } = (await import(at(listModule))) as { listTickets: List };
  const database = await openPostgres(url, 4);
  return { db: database.db, listTickets, close: () => database.close() };
}
const here = resolve(import.meta.dirname, '../..');
// listTickets moved from tickets/queries.ts to tickets/list-query.ts; a base from before has the former.
const base = await load(
  baseDir,
  existsSync(join(resolve(baseDir), 'server/src/tickets/list-query.ts'))
    ? 'tickets/list-query.ts'
    : 'tickets/queries.ts',
);
const mine = await load(here, 'tickets/list-query.ts');

const pg = await import('pg');
const client = new pg.default.Client({ connectionString: url });
await client.connect();
const lin = (await client.query("select id from agents where email = 'lin@lumen-exchange.example'")).rows[0]
  .id;
const teams = (await client.query('select team_id from agent_teams where agent_id = $1', [lin])).rows.map(
  (r) => r.team_id,
);
const special = (await client.query('select special from bench_corpus')).rows[0].special;
await client.end();
const ACTIVE = ['new', 'open', 'pending', 'on_hold'];
const cases: Array<[string, Record<string, unknown>]> = [
  ['inbox unassigned', { status: ACTIVE, assignee: 'none' }],
  ['inbox mine', { status: ACTIVE, assignee: lin }],
  ['inbox my teams', { status: ACTIVE, teamIds: teams }],
  ['all, by priority', { status: ACTIVE, sort: 'priority' }],
  ['search KF number', { q: `KF-${String(special.sample.number).padStart(6, '0')}` }],
  ['search UID', { q: special.sample.uid }],
  ['search TXID', { q: special.sample.txid }],
  ['search 王伟', { q: '王伟' }],
  ['search 提现处理中', { q: '提现处理中' }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${ROUNDS} rounds of ${CALLS} calls each, alternating; CPU ms per call (this process)`);
console.log('case                      base    this   (min–max base | this)   wall base  this');
for (const [name, filters] of cases) {
  const per = { base: [] as number[], mine: [] as number[] };
  const wall = { base: [] as number[], mine: [] as number[] };
  const batch = async (side: typeof base, into: 'base' | 'mine' | null) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await side.listTickets(side.db, filters, { limit: 25 });
    const ms = (performance.now() - t0) / CALLS;
    const cpu = process.cpuUsage(cpu0);
    if (into) {
      per[into].push((cpu.user + cpu.system) / 1000 / CALLS);
      wall[into].push(ms);
    }
  };
  await batch(base, null);
  await batch(mine, null);
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      await batch(base, 'base');
      await batch(mine, 'mine');
    } else {
      await batch(mine, 'mine');
      await batch(base, 'base');
    }
  }
  const f = (x: number) => x.toFixed(2);
  console.log(
    `${name.padEnd(24)} ${f(median(per.base)).padStart(6)}  ${f(median(per.mine)).padStart(6)}   (${f(Math.min(...per.base))}–${f(Math.max(...per.base))} | ${f(Math.min(...per.mine))}–${f(Math.max(...per.mine))})   ${f(median(wall.base)).padStart(6)} ${f(median(wall.mine)).padStart(6)}`,
  );
}
await base.close();
await mine.close();
