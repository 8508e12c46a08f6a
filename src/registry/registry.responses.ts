import { z } from 'zod';

/**
 * Response schemas of the public registry. Fastify serialises through them, so a field that is
 * not declared here cannot reach the public, whatever a presenter returns.
 */
export const bilingualSchema = z.object({ fa: z.string(), en: z.string() });
export const codedSchema = z.object({ code: z.string(), name: bilingualSchema });

export const cooperativeSummarySchema = z.object({
  id: z.number().int(),
  legalId: z.string().nullable(),
  registrationNo: z.string().nullable(),
  registeredOn: z.string().nullable(),
  name: z.string(),
  legalForm: codedSchema,
  field: codedSchema,
  subfield: codedSchema.nullable(),
  province: codedSchema,
  county: codedSchema,
  status: codedSchema,
  memberCount: z.number().int(),
  capitalRials: z.number().int(),
});

export const searchResultSchema = z.object({
  items: z.array(cooperativeSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const publicOfficerSchema = z.object({
  name: z.string(),
  role: codedSchema,
  position: codedSchema.nullable(),
  termStart: z.string(),
  termEnd: z.string(),
  daysLeft: z.number().int(),
  termExpired: z.boolean(),
  acceptedOn: z.string().nullable(),
  consecutiveTerms: z.number().int(),
});

export const obligationSchema = z.object({
  kind: z.string(),
  name: bilingualSchema,
  fiscalYear: z.number().int().nullable(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
  late: z.boolean(),
  daysLeft: z.number().int(),
});

export const healthCardSchema = z.object({
  lastAnnualAssemblyOn: z.string().nullable(),
  lastElectionOn: z.string().nullable(),
  boardTermEndsOn: z.string().nullable(),
  boardTermDaysLeft: z.number().int().nullable(),
  obligationsDue: z.number().int(),
  obligationsOverdue: z.number().int(),
  filingsOnTime: z.number().int(),
  filingsLate: z.number().int(),
});

export const filingHistoryItemSchema = z.object({
  kind: z.enum(['filing', 'assembly']),
  type: codedSchema,
  fiscalYear: z.number().int().nullable(),
  date: z.string().nullable(),
  description: z.string().nullable(),
});

/** The profile's address is the cooperative's registered office (a legal person's, so public). */
export const cooperativeProfileSchema = cooperativeSummarySchema.extend({
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  fiscalYearEndMonth: z.number().int(),
  paidCapitalRials: z.number().int().nullable(),
  statusChangedOn: z.string(),
  officers: z.array(publicOfficerSchema),
  obligations: z.array(obligationSchema),
  healthCard: healthCardSchema,
  filingHistory: z.array(filingHistoryItemSchema),
});
