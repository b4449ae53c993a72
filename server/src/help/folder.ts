import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import YAML from 'yaml';
import type { Executor } from '../db/client.ts';
import { normaliseLanguage } from '../platform/i18n.ts';
import { createArticle, updateArticle } from './articles.ts';
import { type HelpStatus, helpArticles, helpCategories, helpSections } from './schema.ts';

/**
 * A help center as a folder: `structure.yaml` (sections and their categories) and one Markdown
 * file per article with front matter:
 *   ---
 *   slug: deposit-not-credited        # unique per language
 *   lang: zh-CN                       # or en
 *   category: deposits                # a category slug from structure.yaml
 *   group: deposit-not-credited       # articles with the same group are translations
 *   title: 充币未到账怎么办？
 *   summary: …
 *   tags: [充币, 到账, TXID]
 *   status: published                 # or draft
 *   position: 1
 *   ---
 */
interface Structure {
  sections: Array<{
    slug: string;
    title: { zh: string; en: string };
    categories: Array<{
      slug: string;
      title: { zh: string; en: string };
      description?: { zh: string; en: string };
    }>;
  }>;
}

export interface ParsedArticle {
  file: string;
  slug: string;
  lang: 'zh-CN' | 'en';
  category: string;
  group: string;
  title: string;
  summary: string;
  tags: string[];
  status: HelpStatus;
  position: number;
  body: string;
}

/** Splits front matter from the body and checks the fields an article needs. */
export function parseArticleFile(file: string, source: string): ParsedArticle {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!m) throw new Error(`${file}: no front matter`);
  const meta = (YAML.parse(m[1]!) ?? {}) as Record<string, unknown>;
  const str = (k: string) =>
    typeof meta[k] === 'string' || typeof meta[k] === 'number' ? String(meta[k]) : '';
  const lang = normaliseLanguage(str('lang'));
  if (!lang) throw new Error(`${file}: lang must be zh-CN or en`);
  for (const k of ['slug', 'category', 'title']) if (!str(k)) throw new Error(`${file}: ${k} is missing`);
  return {
    file,
    slug: str('slug'),
    lang,
    category: str('category'),
    group: str('group') || str('slug'),
    title: str('title'),
    summary: str('summary'),
    tags: Array.isArray(meta.tags) ? meta.tags.map(String) : [],
    status: str('status') === 'draft' ? 'draft' : 'published',
    position: Number(meta.position ?? 0) || 0,
    body: m[2]!.trim(),
  };
}

export type Progress = (done: number, total: number, file: string) => void;

/** Imports a folder; an article whose (lang, slug) exists is updated (a new version), else created. */
export async function importHelpFolder(db: Executor, dir: string, onProgress: Progress = () => {}) {
  const structure = YAML.parse(await readFile(join(dir, 'structure.yaml'), 'utf8')) as Structure;
  const categoryIds = new Map<string, string>();
  for (const [si, s] of structure.sections.entries()) {
    const [section] = await db
      .insert(helpSections)
      .values({ slug: s.slug, position: si, titleZh: s.title.zh, titleEn: s.title.en })
      .onConflictDoUpdate({
        target: helpSections.slug,
        set: { titleZh: s.title.zh, titleEn: s.title.en, position: si },
      })
      .returning();
    for (const [ci, c] of s.categories.entries()) {
      const values = {
        sectionId: section!.id,
        slug: c.slug,
        position: ci,
        titleZh: c.title.zh,
        titleEn: c.title.en,
        descriptionZh: c.description?.zh ?? '',
        descriptionEn: c.description?.en ?? '',
      };
      const [cat] = await db
        .insert(helpCategories)
        .values(values)
        .onConflictDoUpdate({ target: helpCategories.slug, set: values })
        .returning();
      categoryIds.set(c.slug, cat!.id);
    }
  }
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  const parsed = await Promise.all(
    files.map(async (f) => parseArticleFile(f, await readFile(join(dir, f), 'utf8'))),
  );
  const groups = new Map<string, string>();
  let done = 0;
  for (const a of parsed) {
    const categoryId = categoryIds.get(a.category);
    if (!categoryId) throw new Error(`${a.file}: unknown category ${a.category}`);
    const input = {
      categoryId,
      slug: a.slug,
      title: a.title,
      summary: a.summary,
      bodyMd: a.body,
      tags: a.tags,
      status: a.status,
      position: a.position,
    };
    const [existing] = await db
      .select({ id: helpArticles.id, group: helpArticles.translationGroup })
      .from(helpArticles)
      .where(and(eq(helpArticles.lang, a.lang), eq(helpArticles.slug, a.slug)));
    const translationOf = groups.get(a.group);
    const row = existing
      ? await updateArticle(db, existing.id, input, null)
      : await createArticle(
          db,
          { ...input, lang: a.lang, ...(translationOf ? { translationOf } : {}) },
          null,
        );
    if (!groups.has(a.group)) groups.set(a.group, row.id);
    onProgress(++done, parsed.length, a.file);
  }
  return { sections: structure.sections.length, categories: categoryIds.size, articles: done };
}

/** Writes the help center back out in the same layout `importHelpFolder` reads. */
export async function exportHelpFolder(db: Executor, dir: string) {
  await mkdir(dir, { recursive: true });
  const sections = await db.select().from(helpSections).orderBy(asc(helpSections.position));
  const categories = await db.select().from(helpCategories).orderBy(asc(helpCategories.position));
  const structure: Structure = {
    sections: sections.map((s) => ({
      slug: s.slug,
      title: { zh: s.titleZh, en: s.titleEn },
      categories: categories
        .filter((c) => c.sectionId === s.id)
        .map((c) => ({
          slug: c.slug,
          title: { zh: c.titleZh, en: c.titleEn },
          description: { zh: c.descriptionZh, en: c.descriptionEn },
        })),
    })),
  };
  await writeFile(join(dir, 'structure.yaml'), YAML.stringify(structure));
  const slugOf = new Map(categories.map((c) => [c.id, c.slug]));
  const articles = await db.select().from(helpArticles).orderBy(asc(helpArticles.slug));
  // A group is named after its first member's slug, so a re-import links the same translations.
  const groupName = new Map<string, string>();
  for (const a of articles) if (!groupName.has(a.translationGroup)) groupName.set(a.translationGroup, a.slug);
  for (const a of articles) {
    const meta = {
      slug: a.slug,
      lang: a.lang,
      category: slugOf.get(a.categoryId),
      group: groupName.get(a.translationGroup),
      title: a.title,
      summary: a.summary,
      tags: a.tags,
      status: a.status,
      position: a.position,
    };
    const name = `${a.lang}/${a.slug}.md`;
    await mkdir(join(dir, a.lang), { recursive: true });
    await writeFile(join(dir, name), `---\n${YAML.stringify(meta)}---\n\n${a.bodyMd}\n`);
  }
  return { sections: sections.length, categories: categories.length, articles: articles.length };
}
