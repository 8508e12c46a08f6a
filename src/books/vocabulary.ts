import type { Bilingual } from '../errors/app-error.ts';

/** Payment and receipt categories (issue #4): a fixed list, so totals compare across cooperatives. */
export const PAYMENT_CATEGORIES = [
  'raw_materials',
  'wages',
  'rent',
  'transport',
  'services',
  'equipment',
  'taxes_dues',
  'loans_advances',
  'dividends',
  'other',
] as const;
export type PaymentCategory = (typeof PAYMENT_CATEGORIES)[number];

export const PAYMENT_CATEGORY_LABELS: Record<PaymentCategory, Bilingual> = {
  raw_materials: { fa: 'مواد اولیه', en: 'Raw materials' },
  wages: { fa: 'دستمزد', en: 'Wages' },
  rent: { fa: 'اجاره', en: 'Rent' },
  transport: { fa: 'حمل‌ونقل', en: 'Transport' },
  services: { fa: 'خدمات', en: 'Services' },
  equipment: { fa: 'تجهیزات', en: 'Equipment' },
  taxes_dues: { fa: 'مالیات و عوارض', en: 'Taxes and dues' },
  loans_advances: { fa: 'وام و مساعده', en: 'Loans and advances' },
  dividends: { fa: 'سود سهام', en: 'Dividends' },
  other: { fa: 'سایر', en: 'Other' },
};

export const DIRECTIONS = ['payment', 'receipt'] as const;
export const PARTY_KINDS = ['person', 'company'] as const;
export const RESOLUTION_BODIES = ['board', 'assembly'] as const;
export const VOTES = ['for', 'against', 'abstain', 'absent'] as const;
export const OPINIONS = ['unqualified', 'qualified', 'adverse', 'disclaimer'] as const;
export const SHARE_MOVEMENT_KINDS = ['subscribe', 'transfer', 'redeem', 'exit'] as const;
export const CORRECTION_ACTIONS = ['reverse', 'amend'] as const;

/** The figures of the annual financial statements, in rials. */
export const STATEMENT_FIGURES = [
  'totalAssets',
  'totalLiabilities',
  'equity',
  'revenue',
  'expenses',
  'netIncome',
] as const;
