import type { ReactNode } from 'react';
import { OFFICER_ROLE_LABELS } from '../../../src/governance/vocabulary.ts';
import type { MonitoringAlert, MonitoringRule } from '../api/monitoring.ts';
import { Bidi } from '../components/Bidi.tsx';
import { useFormat } from '../format/use-format.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Params that are years (not grouped: ۱۴۰۴, not ۱٬۴۰۴). */
const YEAR_KEY = /year/i;
/** Params that are money or other large quantities: a digit-only string is grouped too. */
const AMOUNT_KEY = /amount|rials|total|sum|limit|threshold/i;

const decimals: Record<'fa' | 'en', Intl.NumberFormat> = {
  fa: new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 4 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 }),
};

type Format = ReturnType<typeof useFormat>;

/** One value of a finding, as the reader's language writes it. */
export function formatParam(key: string, value: string | number, format: Format): string {
  const en = format.language === 'en';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (YEAR_KEY.test(key) && Number.isInteger(value)) return format.digits(String(value));
    return Number.isInteger(value) ? format.number(value) : decimals[format.language].format(value);
  }
  if (ISO_DATE.test(value)) return format.date(value);
  if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return format.instant(value);
  if (Object.hasOwn(OFFICER_ROLE_LABELS, value)) {
    const role = OFFICER_ROLE_LABELS[value as keyof typeof OFFICER_ROLE_LABELS];
    return en ? role.en : role.fa;
  }
  if (
    /^\d+$/.test(value) &&
    !YEAR_KEY.test(key) &&
    AMOUNT_KEY.test(key) &&
    Number.isSafeInteger(Number(value))
  ) {
    return format.number(Number(value));
  }
  return format.digits(value);
}

/**
 * Text the server filled itself (when the catalogue has no template for the rule): its dates
 * shown in the Jalali calendar, its long whole numbers grouped, its digits in the reader's script.
 */
export function localiseFilled(text: string, format: Format): string {
  return text
    .replace(/(?<![\w./-])(\d{4}-\d{2}-\d{2})(?![\w/-])/g, (_, iso: string) => format.date(iso))
    .replace(/(?<![\w./,-])(\d{5,15})(?![\w./,-]|[.,]\d)/g, (_, digits: string) =>
      format.number(Number(digits)),
    )
    .replace(/[0-9]+/g, (digits) => format.digits(digits));
}

/**
 * An alert's explanation in the reader's language: the rule's template from the catalogue with
 * each `{name}` filled from the finding's params — dates in the Jalali calendar, amounts grouped,
 * Persian digits, office codes named — each value isolated (`<bdi>`) so a Latin name keeps the
 * sentence's punctuation in place. Without the template, the server's own filled text, localised.
 */
export function useExplain(): (alert: MonitoringAlert, rule: MonitoringRule | undefined) => ReactNode {
  const format = useFormat();
  const lang = format.language;

  return (alert, rule) => {
    const template = rule?.explanation[lang];
    if (!template) return <Bidi>{localiseFilled(alert.explanation[lang], format)}</Bidi>;
    const parts: ReactNode[] = [];
    let last = 0;
    for (const match of template.matchAll(/\{(\w+)\}/g)) {
      const name = match[1] ?? '';
      const value = alert.params[name];
      if (value === undefined) continue;
      if (match.index > last) parts.push(format.digits(template.slice(last, match.index)));
      parts.push(<bdi key={`${name}:${match.index}`}>{formatParam(name, value, format)}</bdi>);
      last = match.index + match[0].length;
    }
    if (last < template.length) parts.push(format.digits(template.slice(last)));
    return <>{parts}</>;
  };
}
