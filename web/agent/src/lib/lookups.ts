import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { keys } from './cache.ts';
import type { Agent, Category, Team } from './types.ts';

/** The desk's slow-changing lists (teams, categories, agents), cached for minutes. */
export function useTeams() {
  return useQuery({
    queryKey: keys.teams,
    queryFn: () => api<{ items: Team[] }>('GET', '/teams'),
    staleTime: 300_000,
    select: (d) => d.items,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: keys.categories,
    queryFn: () => api<{ items: Category[] }>('GET', '/categories'),
    staleTime: 300_000,
    select: (d) => d.items,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: keys.agents,
    queryFn: () => api<{ items: Agent[] }>('GET', '/agents'),
    staleTime: 60_000,
    select: (d) => d.items,
  });
}

export function localName(item: { nameZh: string; nameEn: string } | null | undefined, language: string) {
  if (!item) return '';
  return language === 'zh-CN' ? item.nameZh : item.nameEn;
}
