import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { colours } from '../app/theme.ts';

export type SummaryRow = { key: string; value: ReactNode };

/** The GOV.UK summary list: a description list of key facts, one row per fact, stacked on phones. */
export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  return (
    <Box component="dl" sx={{ m: 0, mb: 4 }}>
      {rows.map((row) => (
        <Box
          key={row.key}
          sx={{
            display: { xs: 'block', sm: 'grid' },
            gridTemplateColumns: { sm: 'minmax(10rem, 30%) 1fr' },
            columnGap: 3,
            borderBottom: `1px solid ${colours.border}`,
            py: 1.25,
          }}
        >
          <Box component="dt" sx={{ fontWeight: 700, mb: { xs: 0.5, sm: 0 } }}>
            {row.key}
          </Box>
          <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {row.value}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
