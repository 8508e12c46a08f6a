/** Accounts, sign-in, sessions and staff roles. */

export { accountsRoutes } from './accounts.routes.ts';
export { type AccountsContext, accountsContext, maskMobile } from './accounts-context.ts';
export { completeActivation, completeRecovery, startActivation, startRecovery } from './activation.ts';
export { changePassword } from './change-password.ts';
export { DEMO_PASSWORD, type DemoAccount, formatDemoAccounts, seedDemoAccounts } from './demo-accounts.ts';
export { type MobileOwnershipVerifier, registryMobileOwnership } from './mobile-ownership.ts';
export { hashPassword, verifyPassword } from './password-hash.ts';
export { checkPasswordPolicy, PASSWORD_MAX, PASSWORD_MIN } from './password-policy.ts';
export {
  type AuthInfo,
  authenticate,
  listSessions,
  type NewSession,
  signOut,
  signOutEverywhere,
} from './sessions.ts';
export {
  type AccountSettings,
  DEFAULT_ACCOUNT_SETTINGS,
  DEFAULT_RATE_LIMITS,
  type RateLimitSettings,
} from './settings.ts';
export { startSignIn, verifySignIn } from './sign-in.ts';
export {
  createAdministrator,
  createOfficer,
  disableAccount,
  listStaffRoles,
  type StaffRole,
  type StaffRoleGrant,
  type StaffScope,
  setAccountEnabled,
} from './staff.ts';
