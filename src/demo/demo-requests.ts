import { actorForPerson } from '../access/index.ts';
import type { DemoAccount } from '../accounts/index.ts';
import type { Context } from '../context/context.ts';
import { findPersonId } from '../people/index.ts';
import { findCooperativeByLegalId } from '../registry/registry.repository.ts';
import { uploadDocument } from '../services/documents.ts';
import { saveAnswers, startRequest, submitRequest } from '../services/requests.ts';
import { actOnRequest } from '../services/workflow.ts';
import { randomPostalCode } from './demo-identifiers.ts';
import { createRandom } from './random.ts';

/** The smallest well-formed PDF: what the demo "uploads" as minutes and statutes. */
const DEMO_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Requests in the single window for the demo accounts, made through the real use cases so the
 * inbox, the history, the statistics and the ledger all have something to show: a change of
 * address proposed by the county officer and confirmed by the province officer (a ledger entry),
 * a member's complaint to the inspector waiting for an answer, and a general request answered.
 * Deterministic; returns how many requests it made.
 */
export async function seedDemoRequests(ctx: Context, accounts: readonly DemoAccount[]): Promise<number> {
  const personOf = async (roleEn: string) => {
    const account = accounts.find((a) => a.role.en.startsWith(roleEn));
    const id = account ? await findPersonId(ctx.db, account.nationalCode) : undefined;
    return id ? actorForPerson(ctx.db, id) : null;
  };
  const member = await personOf('Member');
  const director = await personOf('Managing director');
  const county = await personOf('Ministry officer — county');
  const province = await personOf('Ministry officer — province');
  const legalId = accounts.find((a) => a.cooperative)?.cooperative?.key;
  if (!member || !director || !county || !province || !legalId || !/^\d{11}$/.test(legalId)) return 0;
  const rng = createRandom(1_405_09_08);

  // A new address: proposed by the county office, confirmed by the province (maker-checker).
  const address = await startRequest(ctx, director, {
    serviceId: 'amend_address',
    answers: {
      cooperativeLegalId: legalId,
      address: 'خیابان آزادی، کوچهٔ بهار، پلاک ۱۸',
      postalCode: randomPostalCode(rng),
    },
  });
  await uploadDocument(ctx, director, {
    code: address.trackingCode,
    requirement: 'resolution',
    name: 'صورتجلسه هیئت مدیره.pdf',
    bytes: DEMO_PDF,
  });
  await submitRequest(ctx, director, address.trackingCode);
  await actOnRequest(ctx, county, address.trackingCode, 'take', {});
  await actOnRequest(ctx, county, address.trackingCode, 'propose', { text: 'صورتجلسه و نشانی بررسی شد' });
  await actOnRequest(ctx, province, address.trackingCode, 'confirm', {});

  // A member's complaint to the inspector, waiting for an answer.
  const complaint = await startRequest(ctx, member, {
    serviceId: 'complaint_inspector',
    answers: {
      cooperativeLegalId: legalId,
      subject: 'سود سهام سال گذشته پرداخت نشده است',
      details: 'مجمع عمومی تقسیم سود را تصویب کرد ولی سهم من هنوز واریز نشده است.',
    },
  });
  await submitRequest(ctx, member, complaint.trackingCode);

  // A general question to the county office, answered.
  const question = await startRequest(ctx, member, { serviceId: 'general' });
  const place = await findCooperativeByLegalId(ctx.db, legalId);
  if (!place) return 2;
  await saveAnswers(ctx, member, question.trackingCode, {
    province: String(place.province_id),
    county: String(place.county_id),
    subject: 'دورهٔ آموزشی مدیریت تعاونی',
    details: 'دورهٔ آموزشی بعدی برای اعضای هیئت‌مدیره کی برگزار می‌شود؟',
  });
  await submitRequest(ctx, member, question.trackingCode);
  await actOnRequest(ctx, county, question.trackingCode, 'answer', {
    text: 'دورهٔ بعدی در دی‌ماه برگزار می‌شود؛ نام‌نویسی از سامانهٔ آموزش است.',
  });

  return 3;
}
