import type { Context } from '../context/context.ts';
import { type MobileOwnershipVerifier, registryMobileOwnership } from './mobile-ownership.ts';
import { type AccountSettings, DEFAULT_ACCOUNT_SETTINGS } from './settings.ts';

/** What the account use cases need besides the context: their limits and the ownership check. */
export type AccountsContext = Context & {
  accountSettings: AccountSettings;
  mobileOwnership: MobileOwnershipVerifier;
};

/** The context of the account use cases: defaults, overridden by what is given. */
export function accountsContext(
  ctx: Context,
  settings: Partial<AccountSettings> = {},
  mobileOwnership: MobileOwnershipVerifier = registryMobileOwnership,
): AccountsContext {
  return { ...ctx, accountSettings: { ...DEFAULT_ACCOUNT_SETTINGS, ...settings }, mobileOwnership };
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** 0912•••4567: enough for the person to recognise their number, not enough to learn it. */
export function maskMobile(mobile: string): string {
  return mobile.length >= 8 ? `${mobile.slice(0, 4)}•••${mobile.slice(-4)}` : '•••';
}
