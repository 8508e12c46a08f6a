import type { z } from 'zod';
import type {
  challengeResponse,
  meResponse,
  sessionsResponse,
} from '../../../src/accounts/accounts.schemas.ts';
import type {
  cooperativeProfileSchema,
  filingHistoryItemSchema,
  healthCardSchema,
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

/** Responses of the signed-in API (src/accounts/accounts.schemas.ts and the /me routes). */
export type Me = z.infer<typeof meResponse>;
export type StaffRole = Me['staffRoles'][number];
export type Challenge = z.infer<typeof challengeResponse> & { sentTo?: string };
export type Session = z.infer<typeof sessionsResponse>['items'][number];
export type HealthCard = z.infer<typeof healthCardSchema>;

/** GET /me/cooperatives (src/governance/list-my-cooperatives.ts). */
export type MyCooperative = {
  cooperative: CooperativeSummary;
  membership: { memberNo: string; joinedOn: string; leftOn: string | null; shares: number } | null;
  offices: Array<{
    role: Coded;
    position: Coded | null;
    termStart: string;
    termEnd: string;
    daysLeft: number;
    current: boolean;
  }>;
};
type Coded = { code: string; name: { fa: string; en: string } };

/** GET /supervision/cooperatives (src/supervision/find-supervised-cooperatives.ts). */
export type SupervisedCooperative = CooperativeSummary & { healthCard: HealthCard };
export type SupervisionResult = {
  items: SupervisedCooperative[];
  total: number;
  page: number;
  pageSize: number;
};

/** The /me notification routes (src/notifications/notifications.me.routes.ts). */
export type EmailAddress = { id: number; email: string; verifiedAt: string | null };
export type NotificationPreference = { kind: string; channel: string; enabled: boolean };
