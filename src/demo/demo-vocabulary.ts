/**
 * Words the demo generator builds realistic records from: Persian given names and surnames,
 * cooperative name patterns per field, and the rough national shares of provinces and fields
 * (research/domain.md §3: Khorasan Razavi, Fars and Tehran register the most cooperatives, Qom
 * the fewest; agriculture, industry and housing are the largest fields).
 */

/** The words of a whitespace-separated list (names here never contain a space; ZWNJ joins compounds). */
function words(list: string): readonly string[] {
  return list.split(/\s+/).filter((w) => w !== '');
}

export const MALE_NAMES: readonly string[] = words(`
  محمد علی حسین حسن رضا مهدی احمد محمدرضا علیرضا حمید مجید سعید مصطفی مرتضی جواد ابراهیم اسماعیل
  یوسف عباس قاسم کریم رحیم ناصر منصور بهروز فرهاد داوود سجاد امیر امیرحسین ابوالفضل محسن وحید
  هادی یعقوب جعفر صادق باقر کاظم هوشنگ پرویز بهرام کیوان شهرام مسعود نادر غلامرضا غلامحسین اکبر
  اصغر خلیل جلال کمال بیژن سیاوش آرش میلاد پویا سینا رامین فرزاد حامد مهران بابک کامران نوید
  عرفان یاسر ایمان روح‌الله نعمت‌الله عبدالله سهراب رستم طاهر
`);

export const FEMALE_NAMES: readonly string[] = words(`
  فاطمه زهرا مریم معصومه زینب سکینه طاهره اعظم اشرف منیژه مهین پروین شهین ژیلا نسرین فرزانه فریبا
  لیلا مینا ناهید شیرین سیمین رقیه صدیقه کبری خدیجه سمیه نرگس الهام سمانه مژگان شهلا پریسا نازنین
  سارا نیلوفر آزاده فرشته هما گلناز ملیحه راضیه منیره عاطفه حمیده سعیده وحیده مهسا یاسمن ستاره
  پگاه آتنا ریحانه کوثر محدثه هانیه نگار شیما بهاره طیبه رویا مهناز گلاره آمنه صغری بتول ثریا فرح
  افسانه سودابه
`);

export const LAST_NAMES: readonly string[] = words(`
  محمدی حسینی احمدی رضایی موسوی کریمی هاشمی جعفری رحیمی صادقی قاسمی حیدری اکبری نوری ابراهیمی
  عباسی کاظمی مرادی رستمی سلیمانی باقری امیری نجفی یوسفی زارعی عزیزی شریفی طاهری قربانی محمودی
  بهرامی فرهادی سعیدی کرمانی شیرازی اصفهانی تهرانی مشهدی تبریزی یزدی کاشانی قزوینی همدانی رشتی
  گیلانی مازندرانی خراسانی بختیاری لرستانی کردستانی سبزواری نیشابوری بروجردی دزفولی شوشتری اهوازی
  کرمانشاهی زنجانی اردبیلی ملکی میرزایی خسروی جمشیدی فتحی نظری دهقان کشاورز باغبانی آهنگر نجار
  زرگر بازرگان صالحی توکلی پورمحمدی علیپور حسن‌زاده حسین‌زاده رضازاده قلی‌زاده ولی‌زاده نقی‌زاده
  تقی‌زاده عسگری انصاری فراهانی ایزدی منصوری مهدوی فاضلی نادری یزدانی افشار قاجار زند رحمانی
  سلطانی شاهمرادی جهانگیری کیانی پاکزاد نیک‌نام خرمی شجاعی دلاوری فلاحی بابایی آقایی مختاری عطایی
  ستاری غفاری یگانه وکیلی قنبری اسدی شکوهی امینی ثابتی مقدم طباطبایی میرحسینی دهقانی چراغی
  کاویانی اسکندری خلیلی جلالی کمالی مظفری فرجی شهابی نصیری حاجی‌پور کاظم‌پور رنجبر شیخی خدابنده
  ترکمان بلوچی عرب کرد لر گودرزی بیرانوند
`);

/** Words that make a cooperative's name distinctive (places, virtues, mountains, flowers…). */
export const NAME_WORDS: readonly string[] = words(`
  گلستان البرز دماوند زاگرس الوند سبلان سهند بینالود امید آینده نوین پیشگامان آینده‌سازان سپیده
  سپید سبز آفتاب مهر فجر بهار کوثر نیکان ستاره ایثارگران اتحاد همدلان همیاران یاران نگین فیروزه
  زرین طلایی نسیم شقایق لاله نرگس یاس سرو چنار پارس آریا کیمیا رویش ثمین سپاهان توس کوهسار دشت
  چشمه رود کویر خلیج مروارید ارغوان پونه برکت روشن بامداد افق پیروز آبادگران سازندگان مهرگان
  نوروز یلدا
`);

/** Employers after whose staff housing and consumer cooperatives are named. */
export const EMPLOYERS = [
  'آموزش و پرورش',
  'شهرداری',
  'دانشگاه علوم پزشکی',
  'اداره برق',
  'شرکت گاز',
  'آب و فاضلاب',
  'بیمارستان امام',
  'اداره پست',
  'دادگستری',
  'بانک ملی',
  'بانک کشاورزی',
  'راه‌آهن',
  'تأمین اجتماعی',
  'صدا و سیما',
  'فرمانداری',
  'جهاد کشاورزی',
  'منابع طبیعی',
  'دانشگاه آزاد',
  'پالایشگاه',
  'مخابرات',
] as const;

export const STREETS = [
  'امام خمینی',
  'انقلاب',
  'آزادی',
  'جمهوری',
  'بهار',
  'فردوسی',
  'سعدی',
  'حافظ',
  'مطهری',
  'طالقانی',
  'شریعتی',
  'ولیعصر',
  'کشاورز',
  'بهشتی',
  'مدرس',
  'باهنر',
  'رجایی',
  'پاسداران',
  'نواب',
  'شهدا',
] as const;

/**
 * How names are built per field or sub-field: `{w}` is a distinctive word, `{e}` an employer,
 * `{c}` the county. Picked in order of specificity (sub-field, then field).
 */
export const NAME_PATTERNS: Record<string, readonly string[]> = {
  'agriculture.farming': ['تعاونی کشاورزی {w} {c}', 'تعاونی تولید کشاورزی {w} {c}', 'تعاونی زراعی {w} {c}'],
  'agriculture.livestock': ['تعاونی دامداران {w} {c}', 'تعاونی پرورش دام {w} {c}', 'تعاونی گاوداری {w} {c}'],
  'agriculture.poultry': [
    'تعاونی مرغداری {w} {c}',
    'تعاونی مرغداران {w} {c}',
    'تعاونی پرورش مرغ تخم‌گذار {w} {c}',
  ],
  'agriculture.fisheries': [
    'تعاونی پرورش آبزیان {w} {c}',
    'تعاونی صیادی {w} {c}',
    'تعاونی پرورش ماهی {w} {c}',
  ],
  'agriculture.horticulture': [
    'تعاونی باغداران {w} {c}',
    'تعاونی گلخانه‌داران {w} {c}',
    'تعاونی پسته‌کاران {w} {c}',
  ],
  'agriculture.rural': ['تعاونی روستایی {w} {c}', 'تعاونی تولید روستایی {w} {c}'],
  agriculture: ['تعاونی کشاورزی {w} {c}'],
  'industry.food': ['تعاونی صنایع غذایی {w} {c}', 'تعاونی تولیدی لبنیات {w} {c}', 'تعاونی نان {w} {c}'],
  'industry.textile': ['تعاونی تولیدی پوشاک {w} {c}', 'تعاونی نساجی {w} {c}', 'تعاونی خیاطی {w} {c}'],
  'industry.handicraft': ['تعاونی صنایع دستی {w} {c}', 'تعاونی سفالگران {w} {c}', 'تعاونی گلیم‌بافان {w} {c}'],
  'industry.metal': ['تعاونی صنعتی {w} {c}', 'تعاونی تولیدی قطعات {w} {c}', 'تعاونی ریخته‌گری {w} {c}'],
  'industry.chemical': ['تعاونی تولیدی مواد شوینده {w} {c}', 'تعاونی تولیدی بهداشتی {w} {c}'],
  industry: ['تعاونی صنعتی {w} {c}', 'تعاونی تولیدی {w} {c}'],
  mining: ['تعاونی معدنی {w} {c}', 'تعاونی سنگ‌بری {w} {c}', 'تعاونی معدن‌کاران {w} {c}'],
  carpet: ['تعاونی فرش دستباف {w} {c}', 'تعاونی قالیبافان {w} {c}', 'تعاونی فرش {w} {c}'],
  construction: ['تعاونی عمرانی {w} {c}', 'تعاونی ساختمانی {w} {c}', 'تعاونی راهسازی {w} {c}'],
  'housing.workers': ['تعاونی مسکن کارگران {w} {c}', 'تعاونی مسکن کارگری {w} {c}'],
  'housing.employees': ['تعاونی مسکن کارکنان {e} {c}', 'تعاونی مسکن فرهنگیان {c}', 'تعاونی مسکن کارکنان {e}'],
  'housing.public': ['تعاونی مسکن {w} {c}', 'تعاونی مسکن مهر {w} {c}'],
  housing: ['تعاونی مسکن {w} {c}'],
  'services.it': ['تعاونی خدمات فناوری اطلاعات {w} {c}', 'تعاونی نرم‌افزاری {w} {c}'],
  'services.education': ['تعاونی خدمات آموزشی {w} {c}', 'تعاونی آموزشگاه {w} {c}'],
  'services.health': ['تعاونی خدمات درمانی {w} {c}', 'تعاونی خدمات پرستاری {w} {c}'],
  'services.tourism': ['تعاونی گردشگری {w} {c}', 'تعاونی بوم‌گردی {w} {c}'],
  services: ['تعاونی خدماتی {w} {c}', 'تعاونی خدمات عمومی {w} {c}'],
  transport: ['تعاونی حمل‌ونقل {w} {c}', 'تعاونی تاکسیرانی {w} {c}', 'تعاونی باربری {w} {c}'],
  'consumer.workers': ['تعاونی مصرف کارگران {w} {c}'],
  'consumer.employees': ['تعاونی مصرف کارکنان {e} {c}', 'تعاونی مصرف کارکنان {e}'],
  'consumer.public': ['تعاونی مصرف {w} {c}', 'تعاونی مصرف محله {w} {c}'],
  consumer: ['تعاونی مصرف {w} {c}'],
  credit: ['تعاونی اعتبار {w} {c}', 'تعاونی اعتبار کارکنان {e} {c}'],
  'supply.producers': ['تعاونی تأمین نیاز تولیدکنندگان {w} {c}'],
  'supply.distributors': ['تعاونی توزیع‌کنندگان {w} {c}'],
  'supply.guilds': [
    'تعاونی تأمین نیاز اصناف {w} {c}',
    'تعاونی تأمین نیاز نانوایان {c}',
    'تعاونی تأمین نیاز رانندگان {c}',
  ],
  supply: ['تعاونی تأمین نیاز {w} {c}'],
  multipurpose: ['تعاونی چندمنظوره {w} {c}', 'تعاونی چندمنظوره روستایی {w} {c}'],
  students: ['تعاونی آموزشگاهی {w} {c}', 'تعاونی دانشجویی {w} {c}', 'تعاونی دانش‌آموزی {w} {c}'],
  knowledge: ['تعاونی دانش‌بنیان {w} {c}', 'تعاونی فناوران {w} {c}'],
};

/** What a union's members do, by field: «اتحادیه تعاونی‌های …». */
export const UNION_WORDS: Record<string, string> = {
  agriculture: 'کشاورزی',
  industry: 'صنعتی',
  mining: 'معدنی',
  carpet: 'فرش دستباف',
  construction: 'عمرانی',
  housing: 'مسکن',
  services: 'خدماتی',
  transport: 'حمل‌ونقل',
  consumer: 'مصرف',
  credit: 'اعتبار',
  supply: 'تأمین نیاز',
  multipurpose: 'چندمنظوره',
  students: 'آموزشگاهی',
  knowledge: 'دانش‌بنیان',
};

/**
 * Rough shares of cooperatives by province (per mille), keyed by the province code of
 * src/reference/data/divisions.json. [I] Shaped after the registration statistics of
 * research/domain.md §3 (Khorasan Razavi, Fars and Tehran largest; Qom smallest) and population;
 * not an official table.
 */
export const PROVINCE_SHARES: Record<string, number> = {
  'IR-09': 90, // Razavi Khorasan
  'IR-07': 85, // Fars
  'IR-23': 80, // Tehran
  'IR-10': 55, // Isfahan
  'IR-06': 45, // Khuzestan
  'IR-02': 42, // Mazandaran
  'IR-03': 42, // East Azerbaijan
  'IR-08': 40, // Kerman
  'IR-04': 35, // West Azerbaijan
  'IR-11': 32, // Sistan and Baluchestan
  'IR-01': 32, // Gilan
  'IR-27': 30, // Golestan
  'IR-13': 28, // Hamadan
  'IR-05': 28, // Kermanshah
  'IR-15': 27, // Lorestan
  'IR-12': 26, // Kurdistan
  'IR-22': 25, // Hormozgan
  'IR-00': 25, // Markazi
  'IR-24': 24, // Ardabil
  'IR-21': 24, // Yazd
  'IR-30': 24, // Alborz
  'IR-19': 20, // Zanjan
  'IR-26': 20, // Qazvin
  'IR-28': 19, // North Khorasan
  'IR-29': 19, // South Khorasan
  'IR-18': 18, // Bushehr
  'IR-14': 17, // Chaharmahal and Bakhtiari
  'IR-20': 16, // Semnan
  'IR-17': 15, // Kohgiluyeh and Boyer-Ahmad
  'IR-16': 13, // Ilam
  'IR-25': 8, // Qom
};

/** Share of a province missing from PROVINCE_SHARES (a province an administrator added). */
export const DEFAULT_PROVINCE_SHARE = 15;

/** Rough shares of fields (percent) [I]: agriculture, industry and housing lead (domain.md §3). */
export const FIELD_SHARES: Record<string, number> = {
  agriculture: 30,
  industry: 17,
  housing: 13,
  services: 9,
  consumer: 6,
  carpet: 5,
  construction: 4,
  supply: 3,
  transport: 3,
  credit: 2,
  mining: 2,
  multipurpose: 2,
  students: 2,
  knowledge: 2,
};
