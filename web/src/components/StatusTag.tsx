import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { colours } from '../app/theme.ts';

export type Tone = 'green' | 'red' | 'orange' | 'blue' | 'grey';

const TONES: Record<Tone, { color: string; backgroundColor: string }> = {
  green: { color: colours.green, backgroundColor: colours.greenBg },
  red: { color: colours.red, backgroundColor: colours.redBg },
  orange: { color: colours.orange, backgroundColor: colours.orangeBg },
  blue: { color: colours.blue, backgroundColor: colours.blueBg },
  grey: { color: colours.grey, backgroundColor: colours.greyBg },
};

/** The tone of each cooperative status. */
export const STATUS_TONE: Record<string, Tone> = {
  formation_requested: 'blue',
  approved: 'blue',
  active: 'green',
  inactive: 'grey',
  dissolving: 'orange',
  dissolved: 'grey',
};

/** The GOV.UK tag: a short status in strong colours that pass AA contrast. */
export function StatusTag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <Box
      component="strong"
      data-testid={testId}
      sx={{
        ...TONES[tone],
        display: 'inline-block',
        px: 1,
        py: 0.25,
        fontWeight: 700,
        fontSize: '0.9rem',
        lineHeight: 1.6,
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </Box>
  );
}
