import Button, { type ButtonProps } from '@mui/material/Button';
import { colours } from '../app/theme.ts';

/** The page's main action: the green GOV.UK button with its dark shadow. */
export function PrimaryButton(props: ButtonProps) {
  return (
    <Button
      type="submit"
      variant="contained"
      color="secondary"
      {...props}
      sx={{ minHeight: 48, px: 3, boxShadow: '0 2px 0 #002d18', ...props.sx }}
    />
  );
}

/** A secondary action: grey, as GOV.UK's secondary button. */
export function SecondaryButton(props: ButtonProps) {
  return (
    <Button
      variant="contained"
      {...props}
      sx={{
        minHeight: 44,
        px: 2.5,
        color: colours.text,
        backgroundColor: colours.greyBg,
        boxShadow: '0 2px 0 #858686',
        '&:hover': { backgroundColor: '#dbdad9' },
        ...props.sx,
      }}
    />
  );
}

/** An action that cannot be undone (sign out everywhere, remove): red. */
export function WarningButton(props: ButtonProps) {
  return (
    <Button
      variant="contained"
      color="error"
      {...props}
      sx={{ minHeight: 44, px: 2.5, boxShadow: '0 2px 0 #55150b', ...props.sx }}
    />
  );
}

/** A button that reads as a link (an action inside running text or a list). */
export function LinkButton(props: ButtonProps) {
  return (
    <Button
      variant="text"
      {...props}
      sx={{
        p: 0,
        minWidth: 0,
        fontWeight: 400,
        fontSize: 'inherit',
        lineHeight: 'inherit',
        verticalAlign: 'baseline',
        color: colours.link,
        textDecoration: 'underline',
        textUnderlineOffset: '0.2em',
        '&:hover': { backgroundColor: 'transparent', textDecorationThickness: '3px' },
        ...props.sx,
      }}
    />
  );
}
