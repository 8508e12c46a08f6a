export { type FormatJalaliOptions, formatJalali, JALALI_MONTH_NAMES, toPersianDigits } from './format.ts';
export {
  addDays,
  addJalaliMonths,
  daysBetween,
  fiscalYearEndOn,
  fiscalYearOf,
  fiscalYearStartOn,
  fromJalali,
  type IsoDate,
  isValidJalali,
  type JalaliDate,
  jalaliMonthLength,
  jalaliYearEnd,
  toJalali,
} from './jalali.ts';
export { type DateInputResult, isIsoDate, parseDateInput } from './parse.ts';
export { type Clock, fixedClock, systemClock, tehranDate } from './today.ts';
