import { NO_REQUEST } from '../audit/index.ts';
import type { Bilingual } from '../errors/app-error.ts';
import * as repo from './accounts.repository.ts';
import type { AccountsContext } from './accounts-context.ts';
import { hashPassword } from './password-hash.ts';
import { createAdministrator, createOfficer, type StaffPersonInput } from './staff.ts';

/** The password of every demo account. Demo mode only: production creates no account at all. */
export const DEMO_PASSWORD = 'Taavon-demo-1405';

export type DemoAccount = {
  role: Bilingual;
  nationalCode: string;
  name: string;
  password: string;
  /** For cooperative roles: the legal ID (or id) and name of the cooperative. */
  cooperative: { key: string; name: string } | null;
};

/** Staff people of the demo: made up, with valid national codes (check digit per domain.md §4.1). */
const DEMO_STAFF: Array<StaffPersonInput & { firstName: string; lastName: string; mobile: string }> = [
  { nationalCode: '0012345679', firstName: 'سارا', lastName: 'رضایی', mobile: '09120000001' },
  { nationalCode: '0023456787', firstName: 'محمد', lastName: 'کاظمی', mobile: '09120000002' },
  { nationalCode: '0034567895', firstName: 'نرگس', lastName: 'موسوی', mobile: '09120000003' },
  { nationalCode: '0045678901', firstName: 'رضا', lastName: 'جعفری', mobile: '09120000004' },
];

type Pick = { personId: number; nationalCode: string; name: string; mobile: string };

/**
 * Finds, deterministically, the first cooperative (by id) whose current board member, managing
 * director and inspector are three different people with a mobile, and one of its current
 * members who holds no office there.
 */
async function pickCooperativePeople(actx: AccountsContext) {
  const today = actx.clock.today();
  const officers = await actx.db
    .selectFrom('officers as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .select([
      'o.cooperative_id',
      'o.role',
      'p.id',
      'p.national_code',
      'p.first_name',
      'p.last_name',
      'p.mobile',
    ])
    .where('o.ended_on', 'is', null)
    .where('o.term_end', '>=', today)
    .where('p.mobile', 'is not', null)
    .where('o.role', 'in', ['board_principal', 'managing_director', 'inspector_principal'])
    .orderBy('o.cooperative_id')
    .orderBy('o.id')
    .limit(20_000)
    .execute();
  const byCoop = new Map<number, typeof officers>();
  for (const o of officers) byCoop.set(o.cooperative_id, [...(byCoop.get(o.cooperative_id) ?? []), o]);
  for (const [coopId, rows] of byCoop) {
    const used = new Set<number>();
    const take = (role: string): Pick | undefined => {
      const r = rows.find((x) => x.role === role && !used.has(x.id));
      if (!r || r.mobile === null) return undefined;
      used.add(r.id);
      return {
        personId: r.id,
        nationalCode: r.national_code,
        name: `${r.first_name} ${r.last_name}`,
        mobile: r.mobile,
      };
    };
    const board = take('board_principal');
    const director = take('managing_director');
    const inspector = take('inspector_principal');
    if (!board || !director || !inspector) continue;
    const officerIds = (
      await actx.db.selectFrom('officers').select('person_id').where('cooperative_id', '=', coopId).execute()
    )
      .map((o) => o.person_id)
      .filter((id): id is number => id !== null);
    const member = await actx.db
      .selectFrom('memberships as m')
      .innerJoin('persons as p', 'p.id', 'm.person_id')
      .select(['p.id', 'p.national_code', 'p.first_name', 'p.last_name', 'p.mobile'])
      .where('m.cooperative_id', '=', coopId)
      .where('m.left_on', 'is', null)
      .where('p.mobile', 'is not', null)
      .$if(officerIds.length > 0, (q) => q.where('p.id', 'not in', officerIds))
      .orderBy('m.id')
      .executeTakeFirst();
    if (!member || member.mobile === null) continue;
    const coop = await actx.db
      .selectFrom('cooperatives')
      .select(['id', 'legal_id', 'name', 'province_id', 'county_id'])
      .where('id', '=', coopId)
      .executeTakeFirstOrThrow();

    return {
      coop,
      member: {
        personId: member.id,
        nationalCode: member.national_code,
        name: `${member.first_name} ${member.last_name}`,
        mobile: member.mobile,
      },
      board,
      director,
      inspector,
    };
  }

  return null;
}

/**
 * Demo mode: on first start (no account yet), creates an account for every role — a member, a
 * board member, a managing director and an inspector of one demo cooperative, a county, a
 * province and a national ministry officer (of that cooperative's county and province), and an
 * administrator — all with DEMO_PASSWORD. Returns them for `taavon start` to print, or null when
 * accounts exist already. Never called in production mode.
 */
export async function seedDemoAccounts(actx: AccountsContext): Promise<DemoAccount[] | null> {
  if ((await repo.countAccounts(actx.db)) > 0) return null;
  const picked = await pickCooperativePeople(actx);
  const accounts: DemoAccount[] = [];
  const now = actx.clock.now().toISOString();
  if (picked) {
    const cooperative = { key: picked.coop.legal_id ?? String(picked.coop.id), name: picked.coop.name };
    const roles: Array<[Pick, Bilingual]> = [
      [picked.member, { fa: 'عضو تعاونی', en: 'Member' }],
      [picked.board, { fa: 'عضو هیئت‌مدیره', en: 'Board member' }],
      [picked.director, { fa: 'مدیرعامل', en: 'Managing director' }],
      [picked.inspector, { fa: 'بازرس', en: 'Inspector' }],
    ];
    const hashes = await Promise.all(
      roles.map(() => hashPassword(DEMO_PASSWORD, actx.accountSettings.scrypt)),
    );
    await actx.db.transaction().execute(async (tx) => {
      for (const [i, [p]] of roles.entries()) {
        await repo.insertAccount(tx, {
          personId: p.personId,
          passwordHash: hashes[i] ?? '',
          mobile: p.mobile,
          now,
        });
      }
    });
    for (const [p, role] of roles) {
      accounts.push({
        role,
        nationalCode: p.nationalCode,
        name: p.name,
        password: DEMO_PASSWORD,
        cooperative,
      });
    }
  }
  const [admin, national, province, county] = DEMO_STAFF;
  const demo = NO_REQUEST;
  const staff: Array<[StaffPersonInput | undefined, Bilingual, () => Promise<unknown>]> = [];
  if (county && picked) {
    const p = actx.reference.provinceById(picked.coop.province_id);
    const c = actx.reference.countyById(picked.coop.county_id);
    staff.push([
      county,
      {
        fa: `کارشناس وزارت — شهرستان ${c?.nameFa ?? ''}`,
        en: `Ministry officer — county of ${c?.nameEn ?? ''}`,
      },
      () =>
        createOfficer(
          actx,
          { ...county, password: DEMO_PASSWORD },
          {
            scope: 'county',
            province: String(picked.coop.province_id),
            county: String(picked.coop.county_id),
          },
          demo,
        ),
    ]);
    if (province) {
      staff.push([
        province,
        {
          fa: `کارشناس وزارت — استان ${p?.nameFa ?? ''}`,
          en: `Ministry officer — province of ${p?.nameEn ?? ''}`,
        },
        () =>
          createOfficer(
            actx,
            { ...province, password: DEMO_PASSWORD },
            { scope: 'province', province: String(picked.coop.province_id) },
            demo,
          ),
      ]);
    }
  }
  if (national) {
    staff.push([
      national,
      { fa: 'کارشناس وزارت — سراسر کشور', en: 'Ministry officer — national' },
      () => createOfficer(actx, { ...national, password: DEMO_PASSWORD }, { scope: 'nation' }, demo),
    ]);
  }
  if (admin) {
    staff.push([
      admin,
      { fa: 'مدیر سامانه', en: 'Administrator' },
      () => createAdministrator(actx, { ...admin, password: DEMO_PASSWORD }, demo),
    ]);
  }
  for (const [person, role, create] of staff) {
    if (!person) continue;
    await create();
    accounts.push({
      role,
      nationalCode: person.nationalCode,
      name: `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim(),
      password: DEMO_PASSWORD,
      cooperative: null,
    });
  }

  return accounts;
}

/** The printout of `taavon start` on first start in demo mode, Persian and English. */
export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const lines = [
    'حساب‌های نمایشی (فقط در حالت نمایشی) — demo accounts (demo mode only):',
    `گذرواژهٔ همه / password of all: ${DEMO_PASSWORD}`,
    'کد ورود پیامکی در صندوق پیام‌های نمایشی دیده می‌شود — the SMS sign-in code shows in the demo outbox',
  ];
  for (const a of accounts) {
    const coop = a.cooperative ? ` · ${a.cooperative.name} (${a.cooperative.key})` : '';
    lines.push(`  ${a.nationalCode}  ${a.role.fa} / ${a.role.en} — ${a.name}${coop}`);
  }

  return `${lines.join('\n')}\n`;
}
