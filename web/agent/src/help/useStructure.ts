import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import type { HelpSection } from './types.ts';

/** Sections with their categories, for the structure screen, filters and the editor's picker. */
export function useHelpStructure() {
  return useQuery({
    queryKey: keys.helpStructure,
    queryFn: () => api<{ sections: HelpSection[] }>('GET', '/help/admin/structure'),
    select: (d) => d.sections,
  });
}
