export {
  BIDI_CONTROLS,
  foldDigits,
  hasBidiControls,
  normalizeText,
  searchKey,
  tokenize,
} from './normalize.ts';
export { persianSortKey } from './sort-key.ts';
