import type { Bilingual } from '../errors/app-error.ts';

/** Offices in a cooperative (research/domain.md §1.4). */
export const OFFICER_ROLES = [
  'board_principal',
  'board_alternate',
  'managing_director',
  'inspector_principal',
  'inspector_alternate',
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const OFFICER_ROLE_LABELS: Record<OfficerRole, Bilingual> = {
  board_principal: { fa: 'عضو اصلی هیئت‌مدیره', en: 'Board member' },
  board_alternate: { fa: 'عضو علی‌البدل هیئت‌مدیره', en: 'Alternate board member' },
  managing_director: { fa: 'مدیرعامل', en: 'Managing director' },
  inspector_principal: { fa: 'بازرس اصلی', en: 'Inspector' },
  inspector_alternate: { fa: 'بازرس علی‌البدل', en: 'Alternate inspector' },
};

/** Positions the board elects among its principal members. */
export const BOARD_POSITIONS = ['chair', 'vice_chair', 'secretary', 'member'] as const;
export type BoardPosition = (typeof BOARD_POSITIONS)[number];

export const BOARD_POSITION_LABELS: Record<BoardPosition, Bilingual> = {
  chair: { fa: 'رئیس هیئت‌مدیره', en: 'Chair' },
  vice_chair: { fa: 'نایب‌رئیس هیئت‌مدیره', en: 'Vice-chair' },
  secretary: { fa: 'منشی هیئت‌مدیره', en: 'Secretary' },
  member: { fa: 'عضو هیئت‌مدیره', en: 'Member' },
};

export const ASSEMBLY_KINDS = ['ordinary', 'ordinary_extraordinary', 'extraordinary'] as const;
export type AssemblyKind = (typeof ASSEMBLY_KINDS)[number];

export const ASSEMBLY_KIND_LABELS: Record<AssemblyKind, Bilingual> = {
  ordinary: { fa: 'مجمع عمومی عادی', en: 'Ordinary general assembly' },
  ordinary_extraordinary: {
    fa: 'مجمع عمومی عادی به‌طور فوق‌العاده',
    en: 'Ordinary general assembly convened extraordinarily',
  },
  extraordinary: { fa: 'مجمع عمومی فوق‌العاده', en: 'Extraordinary general assembly' },
};

export const FILING_KINDS = ['annual_statements', 'inspector_report', 'assembly_minutes', 'other'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

export const FILING_KIND_LABELS: Record<FilingKind, Bilingual> = {
  annual_statements: { fa: 'صورت‌های مالی سالانه', en: 'Annual financial statements' },
  inspector_report: { fa: 'گزارش بازرس', en: "Inspector's report" },
  assembly_minutes: { fa: 'صورتجلسهٔ مجمع', en: 'Assembly minutes' },
  other: { fa: 'سایر', en: 'Other' },
};

/** What an officer declares: a relative, or a company they own or direct. */
export const DECLARATION_KINDS = ['relative', 'company'] as const;
export const RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'other_relative',
  'owner',
  'director',
  'shareholder',
] as const;
