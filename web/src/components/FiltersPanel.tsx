import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { colours } from '../app/theme.ts';

/** The filters beside the list on wide screens; on phones folded above it, open when some are set. */
export function FiltersPanel({ open, children }: { open: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const wide = useMediaQuery((theme) => theme.breakpoints.up('md'), { noSsr: true });
  if (wide) {
    return (
      <Box component="section" aria-labelledby="filters-title" sx={{ backgroundColor: colours.panel, p: 3 }}>
        <Typography variant="h2" id="filters-title" sx={{ mb: 2 }}>
          {t('search.filters')}
        </Typography>
        {children}
      </Box>
    );
  }
  return (
    <Accordion
      defaultExpanded={open}
      disableGutters
      elevation={0}
      slotProps={{ heading: { component: 'h2' } }}
      sx={{ backgroundColor: colours.panel, border: `1px solid ${colours.border}` }}
    >
      <AccordionSummary
        aria-controls="filters-panel"
        id="filters-title"
        expandIcon={<ExpandIcon />}
        sx={{ fontWeight: 700, fontSize: '1.1rem' }}
      >
        {t('search.filters')}
      </AccordionSummary>
      <AccordionDetails id="filters-panel">{children}</AccordionDetails>
    </Accordion>
  );
}

function ExpandIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d="M4 7l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2.5" />
    </svg>
  );
}
