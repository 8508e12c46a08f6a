import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson } from './client.ts';
import type { CooperativeProfile, DictionaryColumn, Field, Province, SearchResult } from './types.ts';

const forever = { staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY };

export const provincesQuery = queryOptions({
  queryKey: ['reference', 'provinces'],
  queryFn: ({ signal }) => getJson<{ items: Province[] }>('/reference/provinces', signal),
  ...forever,
});

export const fieldsQuery = queryOptions({
  queryKey: ['reference', 'fields'],
  queryFn: ({ signal }) => getJson<{ items: Field[] }>('/reference/fields', signal),
  ...forever,
});

/** The search: `params` is the page's query string as the API takes it. */
export function searchQuery(params: string) {
  return queryOptions({
    queryKey: ['cooperatives', params],
    queryFn: ({ signal }) => getJson<SearchResult>(`/cooperatives?${params}`, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function profileQuery(key: string) {
  return queryOptions({
    queryKey: ['cooperative', key],
    queryFn: ({ signal }) => getJson<CooperativeProfile>(`/cooperatives/${encodeURIComponent(key)}`, signal),
    retry: false,
  });
}

export const dictionaryQuery = queryOptions({
  queryKey: ['open-data', 'dictionary'],
  queryFn: ({ signal }) => getJson<{ columns: DictionaryColumn[] }>('/open-data/dictionary', signal),
  ...forever,
});
