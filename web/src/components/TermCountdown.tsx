import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format.ts';
import { StatusTag } from './StatusTag.tsx';

/** "۱۲۰ روز مانده" or, once the term is over, "مدت مسئولیت ۱۵۰ روز پیش تمام شده". */
export function TermCountdown({ daysLeft, expired = daysLeft < 0 }: { daysLeft: number; expired?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = Math.abs(daysLeft);
  if (expired) {
    return (
      <StatusTag tone="red" testId="term-countdown">
        {t('profile.expired', { count: n, n: format.number(n) })}
      </StatusTag>
    );
  }
  if (daysLeft === 0) {
    return (
      <StatusTag tone="orange" testId="term-countdown">
        {t('profile.endsToday')}
      </StatusTag>
    );
  }
  return (
    <StatusTag tone={daysLeft <= 90 ? 'orange' : 'blue'} testId="term-countdown">
      {t('profile.daysLeft', { count: n, n: format.number(n) })}
    </StatusTag>
  );
}
