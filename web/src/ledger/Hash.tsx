import Box from '@mui/material/Box';

/**
 * A hash, key id or base64 value: Latin, read left to right, isolated from the sentence around
 * it (a right-to-left paragraph must not reorder its halves). `short` shows its first and last
 * eight characters (the whole value in `title` and `data-value`).
 */
export function Hash({ value, short = false, testId }: { value: string; short?: boolean; testId?: string }) {
  const shown = short && value.length > 20 ? `${value.slice(0, 8)}…${value.slice(-8)}` : value;

  return (
    <Box
      component="code"
      dir="ltr"
      data-testid={testId}
      data-value={value}
      title={shown === value ? undefined : value}
      sx={{
        unicodeBidi: 'isolate',
        // A hash that wraps stays one left-to-right block (its lines aligned to its own start).
        display: 'inline-block',
        maxWidth: '100%',
        textAlign: 'start',
        verticalAlign: 'bottom',
        fontFamily: 'monospace',
        fontSize: '0.9em',
        overflowWrap: 'anywhere',
        wordBreak: 'break-all',
      }}
    >
      {shown}
    </Box>
  );
}
