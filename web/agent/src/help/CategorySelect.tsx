import { useLocale } from '../lib/i18n.ts';
import { titleOf } from './types.ts';
import { useHelpStructure } from './useStructure.ts';

/** A category picker grouped by section; `empty` adds a first option such as "any". */
export function CategorySelect(props: {
  value: string;
  onChange: (id: string) => void;
  label: string;
  empty?: string;
  id?: string;
}) {
  const { language } = useLocale();
  const structure = useHelpStructure();
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {structure.data?.map((s) => (
        <optgroup key={s.id} label={titleOf(s, language)}>
          {s.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {titleOf(c, language)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
