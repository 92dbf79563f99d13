// Signing in, registering, recovering and the caller's own security settings (PROTOCOL.md §1.2, §4.1).

import { get, post } from "./api";
import type { AccountSecurity, AuthResponse, RegistrationMode, Report, ResetLinkInfo, TwoFactorChallenge, TwoFactorSetup } from "./types";

export const registrationMode = () => get<{ mode: RegistrationMode }>("/api/auth/registration").then((r) => r.mode);

export const register = (username: string, password: string, displayName: string, inviteCode: string) =>
  post<AuthResponse>("/api/auth/register", { username, password, displayName: displayName || undefined, inviteCode: inviteCode.trim() || undefined });

/** The password step: a session, or (two-factor accounts) a challenge for the second step. */
export const login = (username: string, password: string) => post<AuthResponse | TwoFactorChallenge>("/api/auth/login", { username, password });

export const isChallenge = (answer: AuthResponse | TwoFactorChallenge): answer is TwoFactorChallenge => "twoFactorRequired" in answer && answer.twoFactorRequired === true;

/** The second step: the authenticator's code or one recovery code (exactly one of them). */
export const loginSecondStep = (challenge: string, second: { code: string } | { recoveryCode: string }) =>
  post<AuthResponse>("/api/auth/login/2fa", { challenge, ...second });

export const recover = (username: string, code: string, newPassword: string) => post<AuthResponse>("/api/auth/recover", { username, code, newPassword });

export const readResetLink = (token: string) => get<ResetLinkInfo>(`/api/auth/reset/${encodeURIComponent(token)}`);
export const resetPassword = (token: string, newPassword: string) => post<void>("/api/auth/reset", { token, newPassword });

export const loadSecurity = () => get<AccountSecurity>("/api/account/security");
export const newRecoveryCodes = (password: string) => post<{ recoveryCodes: string[] }>("/api/account/recovery-codes", { password }).then((r) => r.recoveryCodes);
export const setUpTwoFactor = (password: string) => post<TwoFactorSetup>("/api/account/2fa/setup", { password });
export const enableTwoFactor = (code: string) => post<{ recoveryCodes: string[] }>("/api/account/2fa/enable", { code }).then((r) => r.recoveryCodes);
/** code: a current authenticator code, or a recovery code (for a lost phone). */
export const disableTwoFactor = (password: string, code: string) => post<void>("/api/account/2fa/disable", { password, code });

export const reportMessage = (messageId: number, reason: string) => post<Report>(`/api/messages/${messageId}/report`, { reason });
