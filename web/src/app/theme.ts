import createCache, { type EmotionCache } from '@emotion/cache';
import { createTheme, type Theme } from '@mui/material/styles';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';

/**
 * GOV.UK-like colours (AA contrast on white), a yellow focus ring that is never hidden, and
 * Vazirmatn for both scripts. Persian needs a taller line height than Latin text.
 */
export const colours = {
  text: '#0b0c0c',
  secondaryText: '#484949',
  link: '#1d5fa6',
  brand: '#0b3b52',
  button: '#00703c',
  buttonHover: '#005a30',
  focus: '#ffdd00',
  border: '#b1b4b6',
  panel: '#f3f2f1',
  red: '#b3261e',
  redBg: '#fbe9e7',
  green: '#005a30',
  greenBg: '#cce2d8',
  orange: '#6e3619',
  orangeBg: '#fcd6c3',
  blue: '#0c2d4a',
  blueBg: '#bbd4ea',
  grey: '#383f43',
  greyBg: '#e5e6e7',
} as const;

const focusRing = {
  outline: `3px solid ${colours.focus}`,
  outlineOffset: 0,
  boxShadow: `0 4px 0 ${colours.text}`,
};

export function createAppTheme(direction: 'rtl' | 'ltr'): Theme {
  return createTheme({
    direction,
    palette: {
      primary: { main: colours.link },
      secondary: { main: colours.button, dark: colours.buttonHover },
      error: { main: colours.red },
      success: { main: colours.green },
      text: { primary: colours.text, secondary: colours.secondaryText },
      background: { default: '#ffffff' },
    },
    shape: { borderRadius: 2 },
    typography: {
      fontFamily: 'Vazirmatn, Tahoma, "DejaVu Sans", sans-serif',
      h1: { fontSize: '1.75rem', fontWeight: 700, lineHeight: 1.5 },
      h2: { fontSize: '1.35rem', fontWeight: 700, lineHeight: 1.6 },
      h3: { fontSize: '1.1rem', fontWeight: 700, lineHeight: 1.6 },
      body1: { lineHeight: 1.9 },
      body2: { lineHeight: 1.8 },
      button: { textTransform: 'none', fontWeight: 700, fontSize: '1rem' },
    },
    components: {
      MuiCssBaseline: {
        styleOverrides: {
          body: { color: colours.text },
          'a:focus-visible, button:focus-visible, [tabindex]:focus-visible': focusRing,
          // Headings take focus after a navigation only to move the reading position.
          'h1[tabindex="-1"]:focus': { outline: 'none', boxShadow: 'none' },
          'code, kbd': { unicodeBidi: 'isolate', fontFamily: 'monospace' },
        },
      },
      MuiButtonBase: { defaultProps: { disableRipple: true } },
      MuiButton: {
        defaultProps: { disableElevation: true },
        styleOverrides: {
          root: {
            '&.Mui-focusVisible': { ...focusRing, backgroundColor: colours.focus, color: colours.text },
          },
        },
      },
      MuiLink: {
        defaultProps: { underline: 'always' },
        styleOverrides: {
          root: {
            textUnderlineOffset: '0.2em',
            '&:focus-visible': {
              outline: 'none',
              backgroundColor: colours.focus,
              color: colours.text,
              boxShadow: `0 -2px ${colours.focus}, 0 4px ${colours.text}`,
              textDecoration: 'none',
            },
          },
        },
      },
      MuiOutlinedInput: {
        styleOverrides: {
          root: {
            '& .MuiOutlinedInput-notchedOutline': { borderColor: colours.text, borderWidth: 2 },
            '&.Mui-focused .MuiOutlinedInput-notchedOutline': { borderColor: colours.text, borderWidth: 2 },
            '&.Mui-focused': { outline: `3px solid ${colours.focus}` },
            '&.Mui-error .MuiOutlinedInput-notchedOutline': { borderColor: colours.red, borderWidth: 3 },
          },
        },
      },
      MuiFormHelperText: { styleOverrides: { root: { marginInline: 0, fontSize: '0.95rem' } } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 700 } } },
    },
  });
}

/** Emotion caches: the RTL one flips left/right in every style rule (stylis-plugin-rtl). */
const caches: Partial<Record<'rtl' | 'ltr', EmotionCache>> = {};

export function emotionCache(direction: 'rtl' | 'ltr'): EmotionCache {
  const existing = caches[direction];
  if (existing) return existing;
  const cache =
    direction === 'rtl'
      ? createCache({ key: 'muirtl', stylisPlugins: [prefixer, rtlPlugin] })
      : createCache({ key: 'muiltr' });
  caches[direction] = cache;
  return cache;
}
