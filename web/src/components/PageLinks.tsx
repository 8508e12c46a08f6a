import Pagination from '@mui/material/Pagination';
import PaginationItem from '@mui/material/PaginationItem';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../format/use-format.ts';

/**
 * Page links under a list: each page a real link (`pageLink(n)`), numbers in the reader's digits,
 * and labels from `<labels>.pagination|next|previous|page|goToPage` (e.g. `search`, `news.list`).
 */
export function PageLinks({
  page,
  pages,
  pageLink,
  labels,
  mt = 3,
  preventScrollReset = false,
}: {
  page: number;
  pages: number;
  pageLink: (n: number) => string;
  labels: string;
  mt?: number;
  preventScrollReset?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();

  return (
    <Pagination
      page={page}
      count={pages}
      siblingCount={0}
      boundaryCount={1}
      aria-label={t(`${labels}.pagination`)}
      sx={{ mt, '& ul': { justifyContent: 'center' } }}
      getItemAriaLabel={(type, n, selected) => {
        if (type === 'next') return t(`${labels}.next`);
        if (type === 'previous') return t(`${labels}.previous`);
        const label = format.number(n ?? 0);
        return selected ? t(`${labels}.page`, { n: label }) : t(`${labels}.goToPage`, { n: label });
      }}
      renderItem={(item) => (
        <PaginationItem
          {...item}
          page={item.page === null ? null : format.number(item.page)}
          component={RouterLink}
          preventScrollReset={preventScrollReset}
          to={pageLink(item.page ?? 1)}
        />
      )}
    />
  );
}
