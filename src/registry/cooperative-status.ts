import type { Bilingual } from '../errors/app-error.ts';

/** The lifecycle of a cooperative (research/domain.md §2, "Implications for the app"). */
export const COOPERATIVE_STATUSES = [
  'formation_requested',
  'approved',
  'active',
  'inactive',
  'dissolving',
  'dissolved',
] as const;
export type CooperativeStatus = (typeof COOPERATIVE_STATUSES)[number];

export const STATUS_LABELS: Record<CooperativeStatus, Bilingual> = {
  formation_requested: { fa: 'درخواست تشکیل', en: 'Formation requested' },
  approved: { fa: 'موافقت‌شده', en: 'Approved' },
  active: { fa: 'فعال', en: 'Active' },
  inactive: { fa: 'غیرفعال', en: 'Inactive' },
  dissolving: { fa: 'در حال انحلال', en: 'Dissolving' },
  dissolved: { fa: 'منحل‌شده', en: 'Dissolved' },
};

/** Allowed transitions: from → the statuses it may move to. */
export const STATUS_TRANSITIONS: Record<CooperativeStatus, readonly CooperativeStatus[]> = {
  formation_requested: ['approved'],
  approved: ['active'],
  active: ['inactive', 'dissolving'],
  inactive: ['active', 'dissolving'],
  dissolving: ['dissolved', 'active'],
  dissolved: [],
};

/** Whether a cooperative may move from `from` to `to`. */
export function canTransition(from: CooperativeStatus, to: CooperativeStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Statuses in which the cooperative is registered and so has a legal ID and registration number. */
export function isRegisteredStatus(status: CooperativeStatus): boolean {
  return status !== 'formation_requested' && status !== 'approved';
}

/** The legal forms of cooperatives (research/domain.md §1.3). */
export const LEGAL_FORMS = [
  'conventional',
  'public_joint_stock',
  'union_county',
  'union_province',
  'union_national',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const LEGAL_FORM_LABELS: Record<LegalForm, Bilingual> = {
  conventional: { fa: 'تعاونی متعارف', en: 'Conventional cooperative' },
  public_joint_stock: { fa: 'تعاونی سهامی عام', en: 'Public joint-stock cooperative' },
  union_county: { fa: 'اتحادیهٔ شهرستانی', en: 'County union' },
  union_province: { fa: 'اتحادیهٔ استانی', en: 'Provincial union' },
  union_national: { fa: 'اتحادیهٔ سراسری', en: 'National union' },
};
