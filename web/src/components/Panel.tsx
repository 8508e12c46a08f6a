import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { colours } from '../app/theme.ts';

/** The GOV.UK confirmation panel: what was done, in white on green, at the top of the page. */
export function Panel({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box
      data-testid="confirmation"
      sx={{
        backgroundColor: colours.green,
        color: '#fff',
        p: { xs: 2.5, sm: 4 },
        mb: 4,
        textAlign: 'center',
      }}
    >
      <Typography variant="h1" sx={{ color: '#fff', mb: children ? 1 : 0 }}>
        {title}
      </Typography>
      {children && <Box sx={{ fontSize: '1.15rem' }}>{children}</Box>}
    </Box>
  );
}

/** Inset text: a quoted fact set apart from the page (GOV.UK), e.g. where a code was sent. */
export function InsetText({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Box
      data-testid={testId}
      sx={{ borderInlineStart: `10px solid ${colours.border}`, p: 2, my: 3, '& p': { m: 0 } }}
    >
      {children}
    </Box>
  );
}

/** GOV.UK's success notification banner: something the person just did worked. */
export function SuccessBanner({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box
      role="status"
      data-testid="success-banner"
      sx={{ border: `5px solid ${colours.green}`, mb: 4, backgroundColor: colours.green }}
    >
      <Box sx={{ color: '#fff', fontWeight: 700, px: 2, py: 0.5 }}>{title}</Box>
      <Box sx={{ backgroundColor: '#fff', p: 2, fontWeight: 700, fontSize: '1.1rem' }}>{children}</Box>
    </Box>
  );
}
