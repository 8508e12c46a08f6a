export { findPersonId, upsertLegalEntity, upsertPerson } from './people.repository.ts';
export type { LegalEntityInput, PersonInput } from './people.schemas.ts';
export { legalEntitySchema, personSchema } from './people.schemas.ts';
