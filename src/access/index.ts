export { findCooperativeLocation } from './access.repository.ts';
export { actorForPerson } from './actor-for-person.ts';
export { loadActor } from './load-actor.ts';
export {
  ACTIONS,
  type Action,
  type Actor,
  type CooperativeRole,
  type Grant,
  grantsOf,
  isAllowed,
  type Place,
  POLICY,
  regionContains,
  type StaffRole,
} from './policy.ts';
