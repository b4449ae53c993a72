import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import YAML from 'yaml';
import type { AttachmentStorage } from '../attachments/storage.ts';
import type { Executor } from '../db/client.ts';
import { AppError, errorMessage } from '../platform/errors.ts';
import { normaliseLanguage } from '../platform/i18n.ts';
import type { Progress } from '../platform/progress.ts';
import { type ArticlePatch, createArticle, updateArticle } from './articles.ts';
import {
  checkFolderImage,
  exportFolderImages,
  type FolderImages,
  IMAGES_DIR,
  localImageRefs,
  storeFolderImages,
  toImageUrls,
} from './folder-images.ts';
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
 * Images the articles show are files in `images/`, referred to as `../images/<name>.<ext>`
 * (folder-images.ts).
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

/** A mistake in the folder (a file, its front matter, an unknown category): one line naming the file. */
export class HelpFolderError extends Error {}

/** YAML, or one line saying where it is wrong (the parser's own message spans several lines). */
function parseYaml(file: string, text: string): Record<string, unknown> {
  try {
    return (YAML.parse(text) ?? {}) as Record<string, unknown>;
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new HelpFolderError(`${file}: bad YAML: ${first}`);
  }
}

/** Splits front matter from the body and checks the fields an article needs. */
export function parseArticleFile(file: string, source: string): ParsedArticle {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!m) throw new HelpFolderError(`${file}: no front matter (the file must start with a --- block)`);
  const meta = parseYaml(file, m[1]!);
  if (typeof meta !== 'object' || Array.isArray(meta))
    throw new HelpFolderError(`${file}: the front matter must be key: value lines`);
  const str = (k: string) =>
    typeof meta[k] === 'string' || typeof meta[k] === 'number' ? String(meta[k]) : '';
  const lang = normaliseLanguage(str('lang'));
  if (!lang) throw new HelpFolderError(`${file}: lang must be zh-CN or en`);
  for (const k of ['slug', 'category', 'title'])
    if (!str(k)) throw new HelpFolderError(`${file}: ${k} is missing`);
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

export interface ImportResult {
  sections: number;
  categories: number;
  articles: number;
  created: number;
  updated: number;
  /** Same text, tags, status, category and position as in the database: left alone (no new version). */
  unchanged: number;
  /** Distinct image files the articles refer to, and how many of them were new (not stored before). */
  images: number;
  imagesAdded: number;
}

export interface ImportOptions {
  storage: AttachmentStorage;
  /** The upload limit (MAX_UPLOAD_MB): an image file larger than an upload could be is refused. */
  limitBytes: number;
  onProgress?: Progress;
  /** Storage keys of the images written, for the caller to remove if the transaction fails. */
  stored?: string[];
}

const folderError = (m: string) => new HelpFolderError(m);

/** Reads structure.yaml, every article and every image, and checks them all before anything is written. */
async function readFolder(dir: string, limitBytes: number) {
  let structureText: string;
  try {
    structureText = await readFile(join(dir, 'structure.yaml'), 'utf8');
  } catch {
    throw new HelpFolderError(`${join(dir, 'structure.yaml')}: not found (is ${dir} a help-center folder?)`);
  }
  const structure = parseYaml(join(dir, 'structure.yaml'), structureText) as unknown as Structure;
  if (!Array.isArray(structure.sections))
    throw new HelpFolderError(`${join(dir, 'structure.yaml')}: needs a list of sections`);
  const known = new Set<string>();
  for (const s of structure.sections) {
    if (!s?.slug || !s.title?.zh || !s.title?.en || !Array.isArray(s.categories))
      throw new HelpFolderError(
        `${join(dir, 'structure.yaml')}: section ${s?.slug ?? '?'} needs slug, title.zh, title.en and categories`,
      );
    for (const c of s.categories) {
      if (!c?.slug || !c.title?.zh || !c.title?.en)
        throw new HelpFolderError(
          `${join(dir, 'structure.yaml')}: category ${c?.slug ?? '?'} needs slug, title.zh and title.en`,
        );
      known.add(c.slug);
    }
  }
  const files = (await readdir(dir, { recursive: true }))
    .filter((f) => f.endsWith('.md') && !f.startsWith(`${IMAGES_DIR}/`))
    .sort();
  const parsed: ParsedArticle[] = [];
  const seen = new Map<string, string>();
  const refs = new Map<ParsedArticle, Map<string, string>>();
  const images: FolderImages = new Map();
  for (const f of files) {
    const path = join(dir, f);
    const a = parseArticleFile(path, await readFile(path, 'utf8'));
    if (!known.has(a.category))
      throw new HelpFolderError(`${path}: unknown category ${a.category} (not in structure.yaml)`);
    const key = `${a.lang} ${a.slug}`;
    const other = seen.get(key);
    if (other) throw new HelpFolderError(`${path}: slug ${a.slug} (${a.lang}) is also used by ${other}`);
    seen.set(key, path);
    parsed.push(a);
    const local = localImageRefs(dir, path, a.body, folderError);
    refs.set(a, local);
    for (const image of local.values())
      if (!images.has(image)) images.set(image, await checkFolderImage(image, path, limitBytes, folderError));
  }
  return { structure, parsed, refs, images };
}

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * Imports a folder; an article whose (lang, slug) exists is updated (a new version) when something
 * changed and left alone otherwise, so importing the same folder twice changes nothing.
 * Every file is read and checked first: a bad one stops the import before anything is written.
 */
export async function importHelpFolder(
  db: Executor,
  dir: string,
  opts: ImportOptions,
): Promise<ImportResult> {
  const { onProgress = () => {}, stored = [] } = opts;
  const { structure, parsed, refs, images } = await readFolder(dir, opts.limitBytes);
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
  const { ids, added } = await storeFolderImages(
    db,
    opts.storage,
    images,
    opts.limitBytes,
    stored,
    folderError,
  );
  const groups = new Map<string, string>();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  let done = 0;
  for (const a of parsed) {
    const input = {
      categoryId: categoryIds.get(a.category)!,
      slug: a.slug,
      title: a.title,
      summary: a.summary,
      bodyMd: toImageUrls(a.body, refs.get(a)!, ids),
      tags: a.tags,
      status: a.status,
      position: a.position,
    };
    const id = await importArticle(db, a, input, groups.get(a.group), counts).catch((err: unknown) => {
      // The database's refusal (a translation that already exists in that language…), with the file.
      if (err instanceof AppError)
        throw new HelpFolderError(`${a.file}: ${errorMessage(err.code, 'en', err.params)}`);
      throw err;
    });
    if (!groups.has(a.group)) groups.set(a.group, id);
    onProgress(++done, parsed.length, relative(dir, a.file));
  }
  return {
    sections: structure.sections.length,
    categories: categoryIds.size,
    articles: done,
    ...counts,
    images: images.size,
    imagesAdded: added,
  };
}

/** Creates the article, or updates it when something changed; counts which. */
async function importArticle(
  db: Executor,
  a: ParsedArticle,
  input: ArticlePatch & { categoryId: string; slug: string; title: string; bodyMd: string },
  translationOf: string | undefined,
  counts: { created: number; updated: number; unchanged: number },
): Promise<string> {
  const [existing] = await db
    .select()
    .from(helpArticles)
    .where(and(eq(helpArticles.lang, a.lang), eq(helpArticles.slug, a.slug)));
  let id: string;
  if (!existing) {
    const row = await createArticle(
      db,
      { ...input, lang: a.lang, ...(translationOf ? { translationOf } : {}) },
      null,
    );
    id = row.id;
    counts.created++;
  } else {
    id = existing.id;
    const same =
      existing.categoryId === input.categoryId &&
      existing.title === input.title &&
      existing.summary === input.summary &&
      existing.bodyMd === input.bodyMd &&
      sameTags(existing.tags, input.tags ?? []) &&
      existing.status === input.status &&
      existing.position === input.position;
    if (same) counts.unchanged++;
    else {
      await updateArticle(db, existing.id, input, null);
      counts.updated++;
    }
  }
  return id;
}

/** Writes the help center back out in the same layout `importHelpFolder` reads, images included. */
export async function exportHelpFolder(db: Executor, storage: AttachmentStorage, dir: string) {
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
  const articles = await db
    .select()
    .from(helpArticles)
    .orderBy(asc(helpArticles.slug), asc(helpArticles.lang));
  const images = await exportFolderImages(
    db,
    storage,
    dir,
    articles.map((a) => a.bodyMd),
  );
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
    const body = images.rewrite(a.bodyMd, name);
    await writeFile(join(dir, name), `---\n${YAML.stringify(meta)}---\n\n${body}\n`);
  }
  return {
    sections: sections.length,
    categories: categories.length,
    articles: articles.length,
    images: images.images,
  };
}
