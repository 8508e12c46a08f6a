export { type BoardSizeLimits, boardAlternatesMax, boardExtraSeats, boardSizeLimits } from './board-size.ts';
export {
  resolveStatutorySettings,
  StatutorySettingsError,
  type StatutorySettingsIssue,
} from './resolve-settings.ts';
export {
  DEFAULT_STATUTORY_SETTINGS,
  type Fraction,
  type SeatRounding,
  type StatutorySettings,
} from './settings.ts';
export { statutoryOverridesSchema, statutorySettingsSchema } from './statute.schemas.ts';
