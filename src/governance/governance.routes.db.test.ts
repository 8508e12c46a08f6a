import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCooperative, runWrite } from '../../test/factories/registry.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import {
  type Actor,
  isAllowed,
  loadActor,
  type Place,
  type POLICY,
  type StaffRole,
} from '../access/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { createIdentifierSource } from '../demo/demo-identifiers.ts';
import { buildApp } from '../http/app.ts';
import { findPersonId } from '../people/index.ts';
import { appointOfficer, recordMembership } from './record-governance.ts';

/**
 * research/security.md T1 and T4: every write route called as every role, on its own and on
 * another cooperative, compared with the policy table; forged fields in bodies rejected.
 */
const A = '10380284790'; // Shiraz, Fars
const B = '10623657427'; // Kerman, Kerman
const ids = createIdentifierSource(99);
const code = {
  member: ids.nationalCode(),
  board: ids.nationalCode(),
  director: ids.nationalCode(),
  inspector: ids.nationalCode(),
};

let ctx: OpenContext;
let app: FastifyInstance;
const actors = new Map<string, Actor | null>();
const denied: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  await buildCooperative(ctx, { legalId: A });
  await buildCooperative(ctx, {
    legalId: B,
    name: 'تعاونی مسکن کرمان',
    province: 'کرمان',
    county: 'کرمان',
    registrationNo: '2',
  });
  const person = (nationalCode: string) => ({ nationalCode, firstName: 'آزمون', lastName: 'نقش' });
  await runWrite(recordMembership, ctx, {
    cooperativeLegalId: A,
    memberNo: 'm1',
    person: person(code.member),
    joinedOn: '1400/01/01',
    shares: 1,
  });
  for (const [key, role] of [
    ['board', 'board_principal'],
    ['director', 'managing_director'],
    ['inspector', 'inspector_principal'],
  ] as const) {
    await runWrite(appointOfficer, ctx, {
      cooperativeLegalId: A,
      person: person(code[key]),
      role,
      termStart: '1404/01/01',
    });
  }
  const fars = ctx.reference.findProvince('فارس');
  const kerman = ctx.reference.findProvince('کرمان');
  const shiraz = ctx.reference.findCounty(fars?.id ?? 0, 'شیراز');
  const staffActor = (staff: StaffRole[]): Actor => ({ personId: 0, roles: new Map(), staff });
  actors.set('anonymous', null);
  for (const key of ['member', 'board', 'director', 'inspector'] as const) {
    const personId = await findPersonId(ctx.db, code[key]);
    actors.set(key, await loadActor(ctx.db, personId ?? 0, []));
  }
  actors.set(
    'county officer',
    staffActor([{ kind: 'officer', scope: 'county', countyId: shiraz?.id ?? 0, provinceId: fars?.id ?? 0 }]),
  );
  actors.set(
    'province officer',
    staffActor([{ kind: 'officer', scope: 'province', provinceId: fars?.id ?? 0 }]),
  );
  actors.set(
    'other province officer',
    staffActor([{ kind: 'officer', scope: 'province', provinceId: kerman?.id ?? 0 }]),
  );
  actors.set('national officer', staffActor([{ kind: 'officer', scope: 'nation' }]));
  actors.set('administrator', staffActor([{ kind: 'admin' }]));
  app = await buildApp(ctx, {
    logLevel: 'silent',
    resolveActor: async (request) => actors.get(String(request.headers['x-test-actor'])) ?? null,
    onDenied: async (request, action, target) => {
      denied.push(`${request.headers['x-test-actor']}:${action}:${target}`);
    },
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

let serial = 0;
const BODIES: Record<string, () => object> = {
  assemblies: () => ({ kind: 'ordinary', fiscalYear: 1404, heldOn: '1405/03/01' }),
  filings: () => ({ kind: 'other', filedOn: '1405/01/01', description: 'گزارش' }),
  officers: () => ({
    person: { nationalCode: ids.nationalCode(), firstName: 'تازه', lastName: 'عضو' },
    role: 'board_alternate',
    termStart: '1405/01/01',
  }),
  declarations: () => ({
    officerNationalCode: code.director,
    kind: 'company',
    relation: 'owner',
    companyName: 'شرکت نمونه',
    declaredOn: '1405/01/01',
  }),
  members: () => ({
    memberNo: `n${serial++}`,
    person: { nationalCode: ids.nationalCode(), firstName: 'عضو', lastName: 'تازه' },
    joinedOn: '1405/01/01',
    shares: 2,
  }),
};
const ACTION_OF: Record<string, keyof typeof POLICY> = {
  assemblies: 'cooperative.record_assembly',
  filings: 'cooperative.record_filing',
  officers: 'cooperative.record_officer',
  declarations: 'cooperative.record_declaration',
  members: 'cooperative.record_member',
};

describe('route × role × cooperative matrix', () => {
  it('matches the policy table for every write route, with zero cross-cooperative writes', async () => {
    const places: Record<string, Place> = {
      [A]: {
        cooperativeId: 1,
        provinceId: ctx.reference.findProvince('فارس')?.id ?? 0,
        countyId: ctx.reference.findCounty(ctx.reference.findProvince('فارس')?.id ?? 0, 'شیراز')?.id ?? 0,
      },
      [B]: {
        cooperativeId: 2,
        provinceId: ctx.reference.findProvince('کرمان')?.id ?? 0,
        countyId: ctx.reference.findCounty(ctx.reference.findProvince('کرمان')?.id ?? 0, 'کرمان')?.id ?? 0,
      },
    };
    const mismatches: string[] = [];
    let checked = 0;
    for (const [name, actor] of actors) {
      for (const legalId of [A, B]) {
        for (const path of Object.keys(BODIES)) {
          const action = ACTION_OF[path] ?? 'registry.read';
          const allowed = isAllowed(actor, action, places[legalId] ?? null);
          const body = BODIES[path]?.() ?? {};
          // The declaration names A's director: on B the use case answers 400 (not an officer there).
          const response = await app.inject({
            method: 'POST',
            url: `/api/v1/cooperatives/${legalId}/${path}`,
            headers: { 'x-test-actor': name },
            payload: body,
          });
          const expected = !actor
            ? 401
            : !allowed
              ? 403
              : path === 'declarations' && legalId === B
                ? 400
                : 201;
          checked++;
          if (response.statusCode !== expected)
            mismatches.push(
              `${name} ${path} ${legalId}: ${response.statusCode} ≠ ${expected} ${response.body}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(actors.size * 2 * 5);
    // Members of A never wrote to B: every write on B came from B-region staff or administrators.
    expect(denied.some((d) => d.startsWith('director:') && d.endsWith(`cooperative:${B}`))).toBe(true);
  });

  it('rejects forged cooperativeId, role and unknown fields in bodies and writes nothing', async () => {
    const before = await ctx.db
      .selectFrom('filings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/cooperatives/${A}/filings`,
      headers: { 'x-test-actor': 'director' },
      payload: { ...BODIES.filings?.(), cooperativeId: 2, cooperativeLegalId: B, role: 'admin' },
    });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json()
      .fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(['cooperativeId', 'cooperativeLegalId', 'role']);
    const after = await ctx.db
      .selectFrom('filings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers bad input with every bad field and a bilingual message', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/cooperatives/${A}/members`,
      headers: { 'x-test-actor': 'director' },
      payload: {
        memberNo: 'x'.repeat(30),
        person: { nationalCode: '0684159415', firstName: '', lastName: 'ب' },
        joinedOn: '1402/12/30',
        shares: -1,
      },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.message).toEqual({ fa: expect.any(String), en: expect.any(String) });
    expect(body.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['joinedOn', 'memberNo', 'person.firstName', 'person.nationalCode', 'shares'].sort(),
    );
  });

  it('lets an officer list their region and refuses a member', async () => {
    const officer = await app.inject({
      method: 'GET',
      url: '/api/v1/supervision/cooperatives',
      headers: { 'x-test-actor': 'province officer' },
    });
    expect(officer.statusCode).toBe(200);
    expect(officer.json().items.map((c: { legalId: string }) => c.legalId)).toEqual([A]);
    expect(officer.headers['cache-control']).toBe('no-store');
    const member = await app.inject({
      method: 'GET',
      url: '/api/v1/supervision/cooperatives?province=فارس',
      headers: { 'x-test-actor': 'member' },
    });
    expect(member.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/supervision/cooperatives' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/v1/me/cooperatives', () => {
  it('lists a director’s cooperative with their office and days left, and nothing for another person', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/me/cooperatives',
      headers: { 'x-test-actor': 'director' },
    });
    expect(response.statusCode).toBe(200);
    const [mine] = response.json().items;
    expect(mine.cooperative.legalId).toBe(A);
    expect(mine.offices[0]).toMatchObject({ role: { code: 'managing_director' }, current: true });
    expect(response.headers['cache-control']).toBe('no-store');
    const member = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/me/cooperatives',
        headers: { 'x-test-actor': 'member' },
      })
    ).json();
    expect(member.items).toHaveLength(1);
    expect(member.items[0].membership).toMatchObject({ memberNo: 'm1', shares: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/cooperatives' })).statusCode).toBe(401);
  });
});
