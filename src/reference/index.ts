export { FIELD_SEEDS } from './fields.ts';
export type { County, Field, Province, ReferenceIndex } from './reference-index.ts';
export { loadReferenceIndex } from './reference-index.ts';
export { seedReferenceData } from './seed-reference-data.ts';
