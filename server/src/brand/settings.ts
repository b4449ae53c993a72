import { eq } from 'drizzle-orm';
import { contrast, DARK_TEXT, LIGHT_TEXT, MIN_CONTRAST } from '../../../shared/brand-colours.ts';
import type { Db, Executor } from '../db/client.ts';
import { settings } from '../desk/schema.ts';
import { AppError } from '../platform/errors.ts';

/** Words per language, as the admin typed them (shown as text, never as HTML). */
export interface Wording {
  'zh-CN': string;
  en: string;
}

/**
 * What the customer pages show of the brand. It lives in the `brand` setting next to the facts
 * set-up wrote there (domains, support mailbox, ticket prefix), which an edit here keeps.
 */
export interface BrandLook {
  name: string;
  nameZh: string;
  /** Light pages: buttons (white text on it) and links; null = the built-in blue. */
  primaryColour: string | null;
  /** Dark pages: buttons (dark text on it) and links; null = the built-in light blue. */
  accentColour: string | null;
  /** The verify page's explanation above the check; empty = the built-in words. */
  verifyIntro: Wording;
}

const EMPTY_WORDING: Wording = { 'zh-CN': '', en: '' };

type StoredBrand = Partial<BrandLook> & Record<string, unknown>;

async function readStored(db: Executor): Promise<StoredBrand> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'brand'));
  return (row?.value as StoredBrand | undefined) ?? {};
}

export async function readBrand(db: Executor): Promise<BrandLook> {
  const stored = await readStored(db);
  const name = typeof stored.name === 'string' && stored.name ? stored.name : 'Kefu';
  return {
    name,
    nameZh: typeof stored.nameZh === 'string' && stored.nameZh ? stored.nameZh : name,
    primaryColour: stored.primaryColour ?? null,
    accentColour: stored.accentColour ?? null,
    verifyIntro: { ...EMPTY_WORDING, ...stored.verifyIntro },
  };
}

/** Refuses a colour the customer pages could not put readable text on. */
export function checkColours(look: Pick<BrandLook, 'primaryColour' | 'accentColour'>) {
  if (look.primaryColour) {
    const ratio = contrast(look.primaryColour, LIGHT_TEXT);
    if (ratio < MIN_CONTRAST)
      throw new AppError('brand_primary_contrast', { colour: look.primaryColour, ratio });
  }
  if (look.accentColour) {
    const ratio = contrast(look.accentColour, DARK_TEXT);
    if (ratio < MIN_CONTRAST)
      throw new AppError('brand_accent_contrast', { colour: look.accentColour, ratio });
  }
}

/** Saves the brand's look, keeping the other brand facts; returns the look before and after. */
export async function saveBrand(db: Db, look: BrandLook) {
  checkColours(look);
  const clean: BrandLook = {
    name: look.name.trim(),
    nameZh: look.nameZh.trim() || look.name.trim(),
    primaryColour: look.primaryColour?.toLowerCase() ?? null,
    accentColour: look.accentColour?.toLowerCase() ?? null,
    verifyIntro: { 'zh-CN': look.verifyIntro['zh-CN'].trim(), en: look.verifyIntro.en.trim() },
  };
  return db.transaction(async (tx) => {
    const stored = await readStored(tx);
    const before = await readBrand(tx);
    const value = { ...stored, ...clean };
    await tx
      .insert(settings)
      .values({ key: 'brand', value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    return { before, after: clean };
  });
}

/**
 * The brand's colours as a stylesheet the customer pages load after their own (same selectors,
 * so it wins). Colours are `#rrggbb` by the schema, so nothing else can reach the CSS.
 */
export function brandStylesheet(look: BrandLook): string {
  const lines = ['/* Brand colours, set in the admin console (Brand). */'];
  if (look.primaryColour)
    lines.push(`:root { --accent: ${look.primaryColour}; --accent-text: ${LIGHT_TEXT}; }`);
  if (look.accentColour) {
    const dark = `--accent: ${look.accentColour}; --accent-text: ${DARK_TEXT};`;
    lines.push(
      `@media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) { ${dark} } }`,
      `:root[data-theme="dark"] { ${dark} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
