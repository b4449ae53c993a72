/**
 * Help-center search latency: p50/p95 of `searchHelp` over 10,000 generated articles (zh and en,
 * built from the demo articles' paragraphs), with the fixed query mix of the relevance test set.
 * Also prints the CPU per search (this process + the PostgreSQL server process, from /proc: on a
 * shared machine the latency mostly measures the other work) and the relevance set's MRR at that size.
 *   npm run bench:search                      PGlite (in memory) and, if reachable, PostgreSQL
 *   KEFU_BENCH_DATABASE_URL=postgres://…      which PostgreSQL server to use (a temporary database)
 *   BENCH_ONLY=pglite|postgres, BENCH_ARTICLES=n
 *   BENCH_KEEP_DB=name                        PostgreSQL: use (and keep) this database, generating the
 *                                             articles only when it has none (for repeated runs)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { fileStorage } from '../../server/src/attachments/storage.ts';
import { type Database, migrateDatabase, openPglite, openPostgres } from '../../server/src/db/client.ts';
import { importHelpFolder } from '../../server/src/help/folder.ts';
import { RELEVANCE_CASES } from '../../server/src/help/relevance-cases.ts';
import { renderMarkdown, searchFields } from '../../server/src/help/render.ts';
import { helpArticles, helpCategories } from '../../server/src/help/schema.ts';
import { searchHelp } from '../../server/src/help/search.ts';
import { rebuildTermCounts } from '../../server/src/help/terms.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const ROUNDS = 5;
const demoFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'src', 'demo', 'help');

/** A deterministic pseudo-random sequence, so every run indexes the same articles. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

async function generate(database: Database) {
  const { db } = database;
  // The demo folder has no images: the storage is never written to.
  await importHelpFolder(db, demoFolder, {
    storage: fileStorage(join(tmpdir(), 'kefu-bench-attachments')),
    limitBytes: 20 * 1048576,
  });
  const demo = await db.select().from(helpArticles);
  const categories = await db.select({ id: helpCategories.id }).from(helpCategories);
  const paragraphs = demo.map((a) => ({ lang: a.lang, parts: a.bodyMd.split(/\n\s*\n/) }));
  const next = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  let batch: Array<typeof helpArticles.$inferInsert> = [];
  for (let i = 0; i < ARTICLES; i++) {
    const source = pick(demo);
    const pool = paragraphs.filter((p) => p.lang === source.lang);
    const body = Array.from({ length: 3 + Math.floor(next() * 4) }, () => pick(pick(pool).parts)).join(
      '\n\n',
    );
    const title = `${pick(demo.filter((d) => d.lang === source.lang)).title} (${i})`;
    const tags = [pick(source.tags), pick(pick(demo).tags)].filter(Boolean);
    batch.push({
      categoryId: pick(categories).id,
      lang: source.lang,
      slug: `gen-${i}`,
      title,
      summary: source.summary,
      bodyMd: body,
      bodyHtml: renderMarkdown(body),
      tags,
      status: 'published',
      ...searchFields({ title, summary: source.summary, bodyMd: body, tags }),
    });
    if (batch.length === 250) {
      await db.insert(helpArticles).values(batch);
      batch = [];
    }
  }
  if (batch.length) await db.insert(helpArticles).values(batch);
  await rebuildTermCounts(db);
  if (database.kind === 'postgres') await database.pool.query('analyze help_articles');
  else await database.pglite.query('analyze help_articles');
  const [one] = await db
    .select({ id: helpArticles.id })
    .from(helpArticles)
    .where(eq(helpArticles.slug, 'gen-0'));
  if (!one) throw new Error('generation failed');
}

/**
 * CPU seconds used so far by this process and, on PostgreSQL, by the server processes serving this
 * database (read from /proc: the server is on this machine). On a shared machine the wall-clock
 * latency mostly measures the other work; the CPU a search costs does not depend on it.
 */
async function cpuSeconds(database: Database): Promise<{ own: number; server: number }> {
  const own = process.cpuUsage();
  let server = 0;
  if (database.kind === 'postgres') {
    const { rows } = await database.pool.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database()',
    );
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        server += (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
      } catch {
        // not on this machine (or gone): CPU then counts this process only
      }
    }
  }
  return { own: (own.user + own.system) / 1e6, server };
}

async function measure(database: Database) {
  for (const c of RELEVANCE_CASES.slice(0, 10)) await searchHelp(database.db, { q: c.q, lang: c.lang }); // warm-up
  const times: number[] = [];
  let reciprocal = 0;
  const cpu0 = await cpuSeconds(database);
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of RELEVANCE_CASES) {
      const t0 = performance.now();
      const hits = await searchHelp(database.db, { q: c.q, lang: c.lang, limit: 10 });
      times.push(performance.now() - t0);
      // The demo articles are among the generated ones: where the expected one ranks among them.
      const rank = hits.findIndex((h) => h.slug === c.expect) + 1;
      if (r === 0 && rank > 0) reciprocal += 1 / rank;
    }
  }
  const cpu1 = await cpuSeconds(database);
  const ms = (a: number, b: number) => ((a - b) * 1000) / times.length;
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return {
    queries: times.length,
    p50: at(0.5),
    p95: at(0.95),
    max: times[times.length - 1]!,
    cpuPerSearch: ms(cpu1.own + cpu1.server, cpu0.own + cpu0.server),
    cpuServer: ms(cpu1.server, cpu0.server),
    mrr: reciprocal / RELEVANCE_CASES.length,
  };
}

async function run(name: string, open: () => Promise<{ database: Database; drop(): Promise<void> }>) {
  const { database, drop } = await open();
  try {
    await migrateDatabase(database);
    const t0 = performance.now();
    const [kept] = await database.db
      .select({ id: helpArticles.id })
      .from(helpArticles)
      .where(eq(helpArticles.slug, 'gen-0'));
    if (!kept) await generate(database);
    const indexSeconds = (performance.now() - t0) / 1000;
    const m = await measure(database);
    console.log(
      `${name.padEnd(10)} ${ARTICLES} articles (indexed in ${indexSeconds.toFixed(1)} s), ${m.queries} queries: ` +
        `p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms, ` +
        `CPU ${m.cpuPerSearch.toFixed(1)} ms per search, ${m.cpuServer.toFixed(1)} of it in PostgreSQL, ` +
        `MRR ${m.mrr.toFixed(3)} (load average ${loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    await database.close();
    await drop();
  }
}

const only = process.env.BENCH_ONLY; // 'pglite' or 'postgres' to run one
if (only !== 'postgres')
  await run('PGlite', async () => ({ database: await openPglite(null), drop: async () => {} }));

const pgUrl = process.env.KEFU_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
try {
  if (only === 'pglite') throw new Error('BENCH_ONLY=pglite');
  const admin = await openPostgres(pgUrl, 1);
  if (admin.kind !== 'postgres') throw new Error('unreachable');
  await admin.pool.query('select 1');
  const keep = process.env.BENCH_KEEP_DB;
  const name = keep ?? `kefu_bench_${randomBytes(4).toString('hex')}`;
  const exists = await admin.pool.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.pool.query(`create database ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  await run('PostgreSQL', async () => ({
    database: await openPostgres(u.toString(), 4),
    drop: async () => {
      if (!keep) await admin.pool.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  }));
} catch (err) {
  console.log(`PostgreSQL skipped: ${err instanceof Error ? err.message : err}`);
}
