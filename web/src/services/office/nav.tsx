import Link from '@mui/material/Link';
import type { SxProps, Theme } from '@mui/material/styles';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { myCooperativesQuery } from '../../api/private-queries.ts';
import type { Me, MyCooperative } from '../../api/types.ts';

/**
 * The header's «کارتابل» link, for ministry officers and for cooperatives' inspectors (who answer
 * the complaints members send them). Part of the frame on every page, so it stays small: its
 * label is here rather than in the office pages' messages, which load with those pages.
 */
const LABEL = { fa: 'کارتابل', en: 'Inbox' } as const;

/** Whether the person serves as a cooperative's inspector now (GET /me/cooperatives). */
export function servesAsInspector(items: readonly MyCooperative[] | undefined): boolean {
  return (items ?? []).some((item) =>
    item.offices.some((office) => office.current && office.role.code === 'inspector_principal'),
  );
}

/** Whether the person is a ministry officer (an administrator's inbox is empty: no region). */
export const isOfficer = (me: Me): boolean => me.staffRoles.some((r) => r.role === 'officer');

/** Whether the signed-in person has an inbox: an officer, or an inspector (asked only for non-officers). */
export function useHasInbox(me: Me | undefined): boolean {
  const officer = me ? isOfficer(me) : false;
  const mine = useQuery({ ...myCooperativesQuery, enabled: Boolean(me) && !officer, staleTime: 5 * 60_000 });

  return officer || (Boolean(me) && servesAsInspector(mine.data?.items));
}

export function InboxNavLink({ me, sx }: { me: Me; sx: SxProps<Theme> }) {
  const { t, i18n } = useTranslation();
  const hasInbox = useHasInbox(me);
  if (!hasInbox) return null;

  return (
    <li>
      <Link component={RouterLink} to="/inbox" sx={sx} data-testid="inbox-link">
        {t('layout.inbox', { defaultValue: i18n.language === 'en' ? LABEL.en : LABEL.fa })}
      </Link>
    </li>
  );
}
