import { z } from 'zod';
import { zMobile, zNationalCode, zText } from '../validation/fields.ts';

/**
 * Request and response bodies of /api/v1/auth and /api/v1/me. Every request body is strict: an
 * unknown field (a forged `role`, `cooperativeId`, `personId`…) is a 400, never ignored.
 */

/** A password as typed: any text up to 1,024 characters (the policy then asks for 8..128). */
const zPassword = z.string().min(1).max(1024);
/** A challenge id as we issue them (43 base64url characters); anything else cannot match. */
const zChallengeId = z.string().min(1).max(64);
/** The six digits of the SMS, in any digit script, spaces allowed. */
const zCode = z.string().min(1).max(20);

export const signInBody = z.object({ nationalCode: zNationalCode, password: zPassword }).strict();
export const verifyBody = z.object({ challengeId: zChallengeId, code: zCode }).strict();
export const nationalCodeBody = z.object({ nationalCode: zNationalCode }).strict();
/** Registration of someone not yet on the register: who they are and the mobile the code goes to. */
export const registerBody = z
  .object({ nationalCode: zNationalCode, firstName: zText(80), lastName: zText(80), mobile: zMobile })
  .strict();
export const verifyWithPasswordBody = z
  .object({ challengeId: zChallengeId, code: zCode, password: zPassword })
  .strict();
export const changePasswordBody = z.object({ currentPassword: zPassword, newPassword: zPassword }).strict();

const bilingual = z.object({ fa: z.string(), en: z.string() });

export const challengeResponse = z.object({
  challengeId: z.string(),
  expiresAt: z.string().describe('ISO-8601 UTC; the code dies then'),
  message: bilingual,
});
export const signInChallengeResponse = challengeResponse.extend({
  sentTo: z.string().describe('The masked mobile the code went to, e.g. 0912•••4567'),
});
export const signedInResponse = z.object({ personId: z.number().int(), expiresAt: z.string() });
export const okResponse = z.object({ ok: z.literal(true) });

export const staffRoleResponse = z.object({
  role: z.enum(['admin', 'officer']),
  scope: z.enum(['nation', 'province', 'county']),
  provinceId: z.number().int().nullable(),
  countyId: z.number().int().nullable(),
});

export const meResponse = z.object({
  personId: z.number().int(),
  firstName: z.string(),
  lastName: z.string(),
  nationalCode: z.string().describe("The person's own national code (private: only ever shown to them)"),
  mobile: z.string().describe('The verified mobile, masked'),
  staffRoles: z.array(staffRoleResponse),
  session: z.object({ createdAt: z.string(), expiresAt: z.string() }).nullable(),
});

export const sessionsResponse = z.object({
  items: z.array(
    z.object({
      current: z.boolean(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
});
export const signedOutEverywhereResponse = z.object({ sessionsEnded: z.number().int() });
export const passwordChangedResponse = z.object({ sessionsEnded: z.number().int() });
