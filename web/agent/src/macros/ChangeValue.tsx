import { useFieldChangeWords } from '../fields/MacroFieldActions.tsx';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName, useAgents, useTeams } from '../lib/lookups.ts';
import type { MacroPreview } from './types.ts';

type Field = MacroPreview['changes'][number]['field'];

/** One side of a change (from or to) in words: a status's name, a team's or an agent's name, tags. */
export function ChangeValue({ field, value }: { field: Field; value: unknown }) {
  const t = useT();
  const { language } = useLocale();
  const teams = useTeams();
  const agents = useAgents();
  const custom = useFieldChangeWords();
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
    return <span className="muted">{t('macros.empty')}</span>;
  switch (field) {
    case 'status':
      return <span className={`badge status-${value}`}>{t(`status.${value as 'open'}`)}</span>;
    case 'priority':
      return <span className={`badge priority-${value}`}>{t(`priority.${value as 'high'}`)}</span>;
    case 'team':
      return (
        <span>
          {localName(
            teams.data?.find((x) => x.id === value),
            language,
          ) || String(value)}
        </span>
      );
    case 'assignee':
      return <span>{agents.data?.find((a) => a.id === value)?.name ?? String(value)}</span>;
    case 'tags':
      return (
        <span className="tag-list">
          {(value as string[]).map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </span>
      );
    default:
      // A custom field (`field:<key>`, `customer_field:<key>`): its value in words (a choice's label, yes / no).
      return <span>{custom.value(field, value)}</span>;
  }
}
