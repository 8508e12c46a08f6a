import type { Context } from '../../src/context/context.ts';
import { runWrite } from '../../src/context/write.ts';
import {
  appointOfficer,
  recordAssembly,
  recordFiling,
  recordMembership,
} from '../../src/governance/record-governance.ts';
import { registerCooperative } from '../../src/registry/register-cooperative.ts';

/** Valid legal national IDs (checksum per research/domain.md §4.2). */
export const LEGAL_IDS = ['10380284790', '10623657427', '10835361919', '10042305320'] as const;
/** Valid national codes (research/domain.md §4.1). */
export const NATIONAL_CODES = [
  '0499370899',
  '0790419904',
  '0084575948',
  '0684159414',
  '0015467295',
  '0029097282',
  '1362611816',
  '4518310128',
] as const;

/** Input of an active cooperative in Shiraz, Fars, with the overrides given. */
export function cooperativeInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'تعاونی مرغداری گلستان شیراز',
    legalForm: 'conventional',
    field: 'agriculture',
    subfield: 'agriculture.poultry',
    province: 'فارس',
    county: 'شیراز',
    status: 'active',
    legalId: LEGAL_IDS[0],
    registrationNo: '4521',
    registeredOn: '1395/03/12',
    capitalRials: 1_200_000_000,
    ...overrides,
  };
}

/** Registers a cooperative and returns its id. */
export async function buildCooperative(
  ctx: Context,
  overrides: Record<string, unknown> = {},
): Promise<number> {
  return runWrite(registerCooperative, ctx, cooperativeInput(overrides));
}

/** A board of three (chair, vice-chair, secretary), a managing director and an inspector. */
export async function buildBoard(
  ctx: Context,
  legalId: string,
  options: { termStart: string; termEnd?: string },
): Promise<void> {
  const people = [
    {
      nationalCode: NATIONAL_CODES[0],
      firstName: 'مریم',
      lastName: 'احمدی',
      mobile: '09121234567',
      iban: 'IR820540102680020817909002',
    },
    { nationalCode: NATIONAL_CODES[1], firstName: 'علی', lastName: 'کریمی' },
    { nationalCode: NATIONAL_CODES[2], firstName: 'زهرا', lastName: 'حسینی' },
  ];
  const positions = ['chair', 'vice_chair', 'secretary'];
  for (const [i, person] of people.entries()) {
    await runWrite(appointOfficer, ctx, {
      cooperativeLegalId: legalId,
      person,
      role: 'board_principal',
      position: positions[i],
      termStart: options.termStart,
      ...(options.termEnd ? { termEnd: options.termEnd } : {}),
    });
  }
  await runWrite(appointOfficer, ctx, {
    cooperativeLegalId: legalId,
    person: { nationalCode: NATIONAL_CODES[3], firstName: 'رضا', lastName: 'موسوی', mobile: '09351234567' },
    role: 'managing_director',
    termStart: options.termStart,
  });
  await runWrite(appointOfficer, ctx, {
    cooperativeLegalId: legalId,
    person: { nationalCode: NATIONAL_CODES[4], firstName: 'سارا', lastName: 'رضایی' },
    role: 'inspector_principal',
    termStart: options.termStart,
  });
}

export { recordAssembly, recordFiling, recordMembership, runWrite };
