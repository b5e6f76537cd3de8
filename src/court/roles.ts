export enum Role {
  ADMIN = 'ADMIN',
  SECRETARIAT = 'SECRETARIAT',
  JUDGE = 'JUDGE',
  AGENCY_REVIEWER = 'AGENCY_REVIEWER',
  OBSERVER = 'OBSERVER',
}

export enum Committee {
  TWG = 'TWG',
  COUNCIL = 'COUNCIL',
}

export type Locale = 'lo' | 'en';
export const LOCALES: Locale[] = ['lo', 'en'];

/** The caller, as every guarded route sees it (loaded from the database on each request). */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  committees: Committee[];
  agencyId: string | null;
  agencyCode: string | null;
  institution: string | null;
  locale: Locale;
  /** A temporary password was set: only the password change (and reading oneself) is open. */
  mustChangePassword: boolean;
  /** Two-factor sign-in (TOTP) is on for this user. */
  totpEnabled: boolean;
}
