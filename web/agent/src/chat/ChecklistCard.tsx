import type { ChecklistBlock, TimelineItem } from '../../../../shared/chat-protocol.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { useCategories } from '../lib/lookups.ts';

/** The newest checklist block of a chat's timeline, or null when none came. */
export function latestChecklist(items: TimelineItem[]): ChecklistBlock | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === 'event' && item.event === 'checklist') return item.to as ChecklistBlock;
  }
  return null;
}

/**
 * The customer's preparation checklist as a block at the top of the chat: each fact labelled in
 * the agent's language, in the category form's order, the ones the host app passed marked, so
 * the agent acts on facts instead of asking for them (and never reads them out of prose).
 */
export function ChecklistCard({ block, categoryId }: { block: ChecklistBlock; categoryId: string | null }) {
  const t = useT();
  const { language } = useLocale();
  const categories = useCategories();
  const form = categories.data?.find((c) => c.id === categoryId)?.form.fields ?? [];
  const keys = [
    ...form.map((f) => f.key).filter((k) => block.fields[k] !== undefined),
    ...Object.keys(block.fields).filter((k) => !form.some((f) => f.key === k)),
  ];
  if (keys.length === 0) return null;
  return (
    <section className="chat-checklist" aria-label={t('chat.checklist')} data-testid="chat-checklist">
      <h3>
        {t('chat.checklist')}{' '}
        <span className="muted">
          {block.by === 'customer' ? t('chat.checklistByCustomer') : t('chat.checklistByApp')}
        </span>
      </h3>
      <dl>
        {keys.map((key) => {
          const field = form.find((f) => f.key === key);
          return (
            <div key={key} data-key={key}>
              <dt>{field ? (language === 'zh-CN' ? field.labelZh : field.labelEn) : key}</dt>
              <dd className="mono">
                {Array.isArray(block.fields[key])
                  ? t('chat.checklistFiles', { n: (block.fields[key] as string[]).length })
                  : String(block.fields[key])}
                {block.prefilled.includes(key) && (
                  <span className="badge prefilled-badge">{t('chat.fromApp')}</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
