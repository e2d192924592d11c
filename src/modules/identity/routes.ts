import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Principal, ROLES } from '../../kernel/access.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { zId } from '../../kernel/ids.ts';
import { API_TOKEN_NAME_MAX, API_TOKEN_PREFIX, createApiToken, revokeApiToken } from './api-tokens.ts';
import { getBuyerIdentity, REAL_NAME_MAX, saveBuyerIdentity } from './buyer-identity.ts';
import { createUser, DISPLAY_NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, ROLES_MAX } from './create-user.ts';
import type { IdentityDeps } from './deps.ts';
import { changeRole } from './manage-roles.ts';
import { login, logout, SESSION_COOKIE, startSession } from './sessions.ts';
import { EMAIL_MAX, getUser } from './users.ts';

const RoleEnum = z.enum(ROLES);
const UserIdParam = zId('usr');
const ScopeId = z.string().max(64);

export const UserViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.object({ role: RoleEnum, scopeId: z.string().nullable() })),
  createdAt: z.string(),
});
export const BuyerIdentityViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  market: z.literal('CN'),
  realName: z.string(),
  idNumberMasked: z.string(),
  verifiedAt: z.string(),
});

const Email = z.email().max(EMAIL_MAX);
const NewPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
const DisplayName = z.string().trim().min(1).max(DISPLAY_NAME_MAX);
const RoleGrant = z.object({ role: RoleEnum, scopeId: ScopeId.nullable().optional() }).strict();

/** The route's access list has already admitted a signed-in caller; this narrows the type. */
function caller(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('unauthenticated', 'auth.required', 'Sign in to do this.');
  return request.principal;
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires: expiresAt,
    // Behind a TLS-terminating proxy this needs Fastify's trustProxy to see https.
    secure: request.protocol === 'https',
  });
}

export function identityRoutes(deps: IdentityDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/register',
      {
        config: { access: 'public' },
        schema: {
          tags: ['identity'],
          summary: 'Create a buyer account and sign in',
          body: z.object({ email: Email, password: NewPassword, displayName: DisplayName }).strict(),
          response: { 201: UserViewSchema },
        },
      },
      async (request, reply) => {
        const user = await createUser(deps, { ...request.body, roles: [{ role: 'buyer' }] });
        const session = await startSession(deps, user.id);
        setSessionCookie(request, reply, session.sessionToken, session.expiresAt);
        return reply.code(201).send(user);
      },
    );

    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['identity'],
          summary: 'Sign in; sets the session cookie',
          description:
            'With `returnToken: true` the session token is also returned, for clients that send it as a bearer token.',
          // Sign-in takes any password up to the cap: the minimum applies to new passwords only.
          body: z
            .object({
              email: z.string().max(EMAIL_MAX),
              password: z.string().max(PASSWORD_MAX),
              returnToken: z.boolean().optional(),
            })
            .strict(),
          response: { 200: z.object({ user: UserViewSchema, sessionToken: z.string().optional() }) },
        },
      },
      async (request, reply) => {
        const { user, sessionToken, expiresAt } = await login(deps, request.body);
        setSessionCookie(request, reply, sessionToken, expiresAt);
        return request.body.returnToken ? { user, sessionToken } : { user };
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: ROLES }, schema: { tags: ['identity'], summary: 'Sign out; ends the session' } },
      async (request, reply) => {
        const auth = request.headers.authorization;
        const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
        const tokens = [
          request.cookies[SESSION_COOKIE],
          bearer && !bearer.startsWith(API_TOKEN_PREFIX) ? bearer : undefined,
        ];
        for (const token of tokens) if (token) await logout(deps, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/me',
      {
        config: { access: ROLES },
        schema: { tags: ['identity'], summary: 'The signed-in user', response: { 200: UserViewSchema } },
      },
      async (request) => {
        const user = await getUser(deps.db, caller(request).userId);
        if (!user) throw notFound('identity.user_not_found', 'There is no such user.');
        return user;
      },
    );

    app.post(
      '/me/api-tokens',
      {
        config: { access: ROLES },
        schema: {
          tags: ['identity'],
          summary: 'Create an API token (shown once)',
          body: z.object({ name: z.string().trim().min(1).max(API_TOKEN_NAME_MAX) }).strict(),
          response: { 201: z.object({ id: z.string(), token: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createApiToken(deps, caller(request).userId, request.body.name)),
    );

    app.delete(
      '/me/api-tokens/:id',
      {
        config: { access: ROLES },
        schema: {
          tags: ['identity'],
          summary: 'Revoke an API token',
          params: z.object({ id: zId('tok') }).strict(),
        },
      },
      async (request, reply) => {
        await revokeApiToken(deps, caller(request).userId, request.params.id);
        return reply.code(204).send();
      },
    );

    const MarketParams = z.object({ market: z.literal('CN') }).strict();

    app.put(
      '/me/buyer-identities/:market',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['identity'],
          summary: "Save the buyer's real-name identity for customs (the number is never returned in full)",
          params: MarketParams,
          body: z.object({ realName: z.string().max(REAL_NAME_MAX), idNumber: z.string().max(32) }).strict(),
          response: { 200: BuyerIdentityViewSchema },
        },
      },
      async (request) =>
        saveBuyerIdentity(deps, caller(request).userId, { market: request.params.market, ...request.body }),
    );

    app.get(
      '/me/buyer-identities/:market',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['identity'],
          summary: "The buyer's saved identity, masked",
          params: MarketParams,
          response: { 200: BuyerIdentityViewSchema },
        },
      },
      async (request) => {
        const view = await getBuyerIdentity(deps.db, caller(request).userId, request.params.market);
        if (!view)
          throw notFound('identity.buyer_identity_not_found', 'No identity is saved for this market.');
        return view;
      },
    );

    app.post(
      '/admin/users',
      {
        config: { access: ['platform_admin'] },
        schema: {
          tags: ['identity'],
          summary: 'Create a user with roles',
          body: z
            .object({
              email: Email,
              password: NewPassword,
              displayName: DisplayName,
              roles: z.array(RoleGrant).max(ROLES_MAX),
            })
            .strict(),
          response: { 201: UserViewSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createUser(deps, request.body, caller(request).userId)),
    );

    app.post(
      '/admin/users/:id/roles',
      {
        config: { access: ['platform_admin'] },
        schema: {
          tags: ['identity'],
          summary: 'Grant a role (idempotent)',
          params: z.object({ id: UserIdParam }).strict(),
          body: RoleGrant,
          response: { 200: UserViewSchema },
        },
      },
      async (request) =>
        changeRole(deps, caller(request).userId, {
          userId: request.params.id,
          role: request.body.role,
          scopeId: request.body.scopeId ?? null,
          grant: true,
        }),
    );

    app.delete(
      '/admin/users/:id/roles/:role',
      {
        config: { access: ['platform_admin'] },
        schema: {
          tags: ['identity'],
          summary: 'Revoke a role (idempotent)',
          params: z.object({ id: UserIdParam, role: RoleEnum }).strict(),
          querystring: z.object({ scopeId: ScopeId.optional() }).strict(),
          response: { 200: UserViewSchema },
        },
      },
      async (request) =>
        changeRole(deps, caller(request).userId, {
          userId: request.params.id,
          role: request.params.role,
          scopeId: request.query.scopeId ?? null,
          grant: false,
        }),
    );
  };
}
