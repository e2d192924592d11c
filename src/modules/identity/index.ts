/** Identity: users, passwords, sessions, API tokens, roles, and buyer real-name identity. */
export { createApiToken, revokeApiToken } from './api-tokens.js';
export { authenticator } from './authenticator.js';
export {
  type BuyerIdentityView,
  getBuyerIdentity,
  revealBuyerIdentity,
  saveBuyerIdentity,
} from './buyer-identity.js';
export { createUser } from './create-user.js';
export type { IdentityDeps } from './deps.js';
export { isValidPrcIdNumber } from './prc-id-number.js';
export { grantRole, revokeRole } from './roles.js';
export { identityRoutes } from './routes.js';
export { login, logout, SESSION_COOKIE } from './sessions.js';
export { findUserByEmail, getUser, type UserView } from './users.js';
