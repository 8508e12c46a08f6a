import type { z } from 'zod';
import type {
  cooperativeProfileSchema,
  filingHistoryItemSchema,
  obligationSchema,
  publicOfficerSchema,
  searchResultSchema,
} from '../../../src/registry/registry.responses.ts';

/** Response types of the public API, inferred from the server's own response schemas. */
export type SearchResult = z.infer<typeof searchResultSchema>;
export type CooperativeSummary = SearchResult['items'][number];
export type CooperativeProfile = z.infer<typeof cooperativeProfileSchema>;
export type PublicOfficer = z.infer<typeof publicOfficerSchema>;
export type Obligation = z.infer<typeof obligationSchema>;
export type FilingHistoryItem = z.infer<typeof filingHistoryItemSchema>;

type Named = { nameFa: string; nameEn: string };
export type Province = Named & { code: string; counties: (Named & { id: number })[] };
export type Field = Named & { code: string; subfields: (Named & { code: string })[] };
export type DictionaryColumn = { name: string; type: string; fa: string; en: string };
