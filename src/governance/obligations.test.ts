import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUTORY_SETTINGS, resolveStatutorySettings } from '../statute/index.ts';
import { computeHealthCard, computeObligations, type ObligationsInput } from './obligations.ts';

const base: ObligationsInput = {
  status: 'active',
  registeredOn: '2015-06-01', // 1394/03/11
  fiscalYearEndMonth: 12,
  assemblies: [],
  filings: [],
  officers: [],
};

const byKey = (list: ReturnType<typeof computeObligations>) =>
  Object.fromEntries(list.map((o) => [`${o.kind}:${o.fiscalYear ?? '-'}`, o]));

describe('computeObligations', () => {
  it('dates the annual assembly 4 Jalali months after the fiscal year, end of month to end of month', () => {
    // Today 1405/09/07; fiscal year 1404 ended 29 Esfand 1404 (non-leap) = 2026-03-20.
    const o = byKey(computeObligations(base, DEFAULT_STATUTORY_SETTINGS, '2026-11-28'));
    expect(o['annual_assembly:1404']).toMatchObject({ dueOn: '2026-07-22', doneOn: null, overdue: true }); // 31 Tir 1405
    expect(o['annual_assembly_invitation:1404']).toMatchObject({ dueOn: '2026-05-21', overdue: true }); // 31 Ordibehesht 1405
    // Reports are due before the assembly's due date while it has not been held.
    expect(o['inspector_report:1404']?.dueOn).toBe('2026-07-12');
    expect(o['financial_statements:1404']?.dueOn).toBe('2026-07-02');
    // Three ended fiscal years are tracked: 1402, 1403, 1404.
    expect(
      Object.keys(o)
        .filter((k) => k.startsWith('annual_assembly:'))
        .sort(),
    ).toEqual(['annual_assembly:1402', 'annual_assembly:1403', 'annual_assembly:1404']);
  });

  it('counts an assembly held on time as done and dates the inspector report from the day it was held', () => {
    const input: ObligationsInput = {
      ...base,
      assemblies: [
        {
          kind: 'ordinary',
          fiscalYear: 1404,
          invitationPublishedOn: '2026-04-25',
          heldOn: '2026-06-10',
          electionsHeld: false,
        },
      ],
      filings: [{ kind: 'inspector_report', fiscalYear: 1404, filedOn: '2026-06-05' }],
    };
    const o = byKey(computeObligations(input, DEFAULT_STATUTORY_SETTINGS, '2026-11-28'));
    expect(o['annual_assembly:1404']).toMatchObject({ doneOn: '2026-06-10', overdue: false, late: false });
    expect(o['annual_assembly_invitation:1404']).toMatchObject({ doneOn: '2026-04-25', overdue: false });
    expect(o['inspector_report:1404']).toMatchObject({
      dueOn: '2026-05-31',
      doneOn: '2026-06-05',
      late: true,
    });
  });

  it('is not overdue before the due date, and follows a bylaw that changes the deadline', () => {
    const early = byKey(computeObligations(base, DEFAULT_STATUTORY_SETTINGS, '2026-05-01'));
    expect(early['annual_assembly:1404']).toMatchObject({ overdue: false, daysLeft: 82 });
    const bylaws = resolveStatutorySettings({
      annualAssemblyMonthsAfterFyEnd: 6,
      annualInvitationMonthsAfterFyEnd: 4,
    });
    const later = byKey(computeObligations(base, bylaws, '2026-08-01'));
    expect(later['annual_assembly:1404']).toMatchObject({ dueOn: '2026-09-22', overdue: false }); // 31 Shahrivar 1405
  });

  it('asks for the electoral invitation 2 months before the board term ends', () => {
    const input: ObligationsInput = {
      ...base,
      officers: [
        { role: 'board_principal', termStart: '2024-01-10', termEnd: '2027-01-10', endedOn: null },
        { role: 'board_principal', termStart: '2024-01-10', termEnd: '2027-01-10', endedOn: null },
        { role: 'inspector_principal', termStart: '2026-06-10', termEnd: '2027-06-10', endedOn: null },
      ],
    };
    const o = byKey(computeObligations(input, DEFAULT_STATUTORY_SETTINGS, '2026-11-28'));
    // 1405/10/20 minus 2 months = 1405/08/20 = 2026-11-11: already overdue on 1405/09/07.
    expect(o['electoral_assembly_invitation:-']).toMatchObject({ dueOn: '2026-11-11', overdue: true });
    const invited = {
      ...input,
      assemblies: [
        {
          kind: 'ordinary',
          fiscalYear: null,
          invitationPublishedOn: '2026-11-01',
          heldOn: null,
          electionsHeld: true,
        },
      ],
    };
    expect(
      byKey(computeObligations(invited, DEFAULT_STATUTORY_SETTINGS, '2026-11-28'))[
        'electoral_assembly_invitation:-'
      ],
    ).toMatchObject({
      doneOn: '2026-11-01',
      overdue: false,
    });
  });

  it('owes nothing before registration or after dissolution', () => {
    expect(
      computeObligations(
        { ...base, status: 'approved', registeredOn: null },
        DEFAULT_STATUTORY_SETTINGS,
        '2026-11-28',
      ),
    ).toEqual([]);
    expect(
      computeObligations({ ...base, status: 'dissolved' }, DEFAULT_STATUTORY_SETTINGS, '2026-11-28'),
    ).toEqual([]);
  });

  it('starts with the fiscal year of registration', () => {
    const o = computeObligations(
      { ...base, registeredOn: '2025-06-01' },
      DEFAULT_STATUTORY_SETTINGS,
      '2026-11-28',
    );
    expect([...new Set(o.map((x) => x.fiscalYear))]).toEqual([1404]);
  });
});

describe('computeHealthCard', () => {
  it('summarises the last assembly, election, board term and filings on time', () => {
    const input: ObligationsInput = {
      ...base,
      assemblies: [
        {
          kind: 'ordinary',
          fiscalYear: 1403,
          invitationPublishedOn: '2025-04-20',
          heldOn: '2025-06-01',
          electionsHeld: true,
        },
        {
          kind: 'ordinary',
          fiscalYear: 1404,
          invitationPublishedOn: '2026-04-20',
          heldOn: '2026-08-01',
          electionsHeld: false,
        },
      ],
      officers: [{ role: 'board_principal', termStart: '2025-06-01', termEnd: '2028-06-01', endedOn: null }],
    };
    const obligations = computeObligations(input, DEFAULT_STATUTORY_SETTINGS, '2026-11-28');
    const card = computeHealthCard(input, obligations, '2026-11-28');
    expect(card).toMatchObject({
      lastAnnualAssemblyOn: '2026-08-01',
      lastElectionOn: '2025-06-01',
      boardTermEndsOn: '2028-06-01',
      boardTermDaysLeft: 551,
    });
    expect(card.filingsLate).toBeGreaterThanOrEqual(1); // the 1404 assembly was held after 31 Tir
    expect(card.obligationsOverdue).toBe(obligations.filter((o) => o.overdue).length);
  });
});
