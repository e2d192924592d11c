/** Identity: users, passwords, sessions, API tokens, roles, and buyer real-name identity. */
export { createApiToken, revokeApiToken } from './api-tokens.ts';
export { authenticator } from './authenticator.ts';
export {
  type BuyerIdentityView,
  getBuyerIdentity,
  revealBuyerIdentity,
  saveBuyerIdentity,
} from './buyer-identity.ts';
export { createUser } from './create-user.ts';
export type { IdentityDeps } from './deps.ts';
export { isValidPrcIdNumber } from './prc-id-number.ts';
export { grantRole, revokeRole } from './roles.ts';
export { BuyerIdentityViewSchema, identityRoutes, UserViewSchema } from './routes.ts';
export { login, logout, SESSION_COOKIE } from './sessions.ts';
export { findUserByEmail, getUser, type UserView } from './users.ts';
