/**
 * Fields (رشته) and sub-fields (گرایش) of cooperative activity, seeded into the `fields` table,
 * which an administrator may edit. Source: research/domain.md §1.3 — the suggested list is [I],
 * not a verified ministry enumeration.
 */
export type FieldSeed = {
  code: string;
  fa: string;
  en: string;
  sub?: Array<{ code: string; fa: string; en: string }>;
};

export const FIELD_SEEDS: FieldSeed[] = [
  {
    code: 'agriculture',
    fa: 'کشاورزی',
    en: 'Agriculture',
    sub: [
      { code: 'agriculture.farming', fa: 'زراعت', en: 'Farming' },
      { code: 'agriculture.livestock', fa: 'دامداری', en: 'Livestock' },
      { code: 'agriculture.poultry', fa: 'مرغداری', en: 'Poultry' },
      { code: 'agriculture.fisheries', fa: 'شیلات و آبزیان', en: 'Fisheries' },
      { code: 'agriculture.horticulture', fa: 'باغداری', en: 'Horticulture' },
      { code: 'agriculture.rural', fa: 'روستایی', en: 'Rural' },
    ],
  },
  {
    code: 'industry',
    fa: 'صنعتی',
    en: 'Industry',
    sub: [
      { code: 'industry.food', fa: 'صنایع غذایی', en: 'Food processing' },
      { code: 'industry.textile', fa: 'نساجی و پوشاک', en: 'Textiles and clothing' },
      { code: 'industry.handicraft', fa: 'صنایع دستی', en: 'Handicrafts' },
      { code: 'industry.metal', fa: 'فلزی و ماشین‌آلات', en: 'Metal and machinery' },
      { code: 'industry.chemical', fa: 'شیمیایی و بهداشتی', en: 'Chemical and hygiene products' },
    ],
  },
  { code: 'mining', fa: 'معدنی', en: 'Mining' },
  { code: 'carpet', fa: 'فرش دستباف', en: 'Hand-woven carpet' },
  { code: 'construction', fa: 'عمرانی', en: 'Construction' },
  {
    code: 'housing',
    fa: 'مسکن',
    en: 'Housing',
    sub: [
      { code: 'housing.workers', fa: 'کارگری', en: "Workers'" },
      { code: 'housing.employees', fa: 'کارمندی', en: "Employees'" },
      { code: 'housing.public', fa: 'عمومی', en: 'Public' },
    ],
  },
  {
    code: 'services',
    fa: 'خدماتی',
    en: 'Services',
    sub: [
      { code: 'services.it', fa: 'فناوری اطلاعات', en: 'Information technology' },
      { code: 'services.education', fa: 'آموزشی', en: 'Education' },
      { code: 'services.health', fa: 'بهداشتی و درمانی', en: 'Health care' },
      { code: 'services.tourism', fa: 'گردشگری', en: 'Tourism' },
    ],
  },
  { code: 'transport', fa: 'حمل‌ونقل', en: 'Transport' },
  {
    code: 'consumer',
    fa: 'مصرف',
    en: 'Consumer',
    sub: [
      { code: 'consumer.workers', fa: 'کارگری', en: "Workers'" },
      { code: 'consumer.employees', fa: 'کارمندی', en: "Employees'" },
      { code: 'consumer.public', fa: 'عمومی', en: 'Public' },
    ],
  },
  { code: 'credit', fa: 'اعتبار', en: 'Credit' },
  {
    code: 'supply',
    fa: 'تأمین نیاز',
    en: 'Supply',
    sub: [
      { code: 'supply.producers', fa: 'تولیدکنندگان', en: 'Producers' },
      { code: 'supply.distributors', fa: 'توزیع‌کنندگان', en: 'Distributors' },
      { code: 'supply.guilds', fa: 'اصناف', en: 'Guilds' },
    ],
  },
  { code: 'multipurpose', fa: 'چندمنظوره', en: 'Multi-purpose' },
  { code: 'students', fa: 'دانش‌آموزی و دانشجویی', en: 'Students' },
  { code: 'knowledge', fa: 'دانش‌بنیان', en: 'Knowledge-based' },
];
