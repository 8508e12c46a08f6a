/**
 * Whether a mobile number is registered to a national code. Iran has a national number-ownership
 * check (the operators' "shahkar" service); a deployment plugs it in here. Activation sends its
 * code only to a mobile that this check accepts.
 */
export type MobileOwnershipVerifier = {
  verify(nationalCode: string, mobile: string): Promise<boolean>;
};

/**
 * The local implementation: accepts the mobile that the registry holds for the person (it is
 * only ever asked about that number). Used in demo mode, tests, and until the national check is
 * connected.
 */
export const registryMobileOwnership: MobileOwnershipVerifier = {
  verify: async (_nationalCode, mobile) => /^09\d{9}$/.test(mobile),
};
