import type { Role } from '@sightline/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Accounts, Identity } from './accounts.js';

export const SESSION_COOKIE = 'sl_session';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
  }
}

/** Who is asking: a session cookie, or an API key as a bearer token. */
export function identify(accounts: Accounts, request: FastifyRequest): Identity | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return accounts.fromApiKey(bearer);
  const token = request.cookies[SESSION_COOKIE];
  return token ? accounts.fromSession(token) : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a cookie-authenticated change must come from this app's own pages: the browser sends the
 * Origin of every cross-site POST/PUT/DELETE, and a form on another site cannot send JSON (the
 * content type would need a preflight this server never grants). SameSite=Lax cookies are the
 * first line; this is the second.
 */
export function crossSiteReason(request: FastifyRequest): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const origin = request.headers.origin;
  // Fastify reads X-Forwarded-Host only when the proxy is trusted (WEB_TRUST_PROXY).
  const host = request.host;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'malformed Origin header';
    }
    if (originHost !== host) return 'cross-site request refused';
  }
  const type = request.headers['content-type'] ?? '';
  if (request.body !== undefined && !type.startsWith('application/json'))
    return 'expected a JSON body (content-type: application/json)';
  return undefined;
}

const refuse = (reply: FastifyReply, reason: string) =>
  reply.code(403).send({ error: 'csrf', message: reason });

/** A preHandler for the routes that need no sign-in but set one (set-up, sign-in). */
export async function refuseCrossSite(request: FastifyRequest, reply: FastifyReply) {
  const crossSite = crossSiteReason(request);
  if (crossSite) return refuse(reply, crossSite);
}

/**
 * A preHandler that lets through only signed-in users (or API keys) with at least `role`
 * (owner > viewer), and refuses cross-site changes made with a cookie.
 */
export function requireRole(accounts: Accounts, role: Role) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const identity = identify(accounts, request);
    if (!identity)
      return reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    if (role === 'owner' && identity.role !== 'owner')
      return reply
        .code(403)
        .send({ error: 'forbidden', message: 'only an owner can change settings' });
    const crossSite = identity.via === 'session' ? crossSiteReason(request) : undefined;
    if (crossSite) return refuse(reply, crossSite);
    request.identity = identity;
  };
}

/** The route options of the owners' routes and of every signed-in user's. */
export const roleGuards = (accounts: Accounts) => ({
  owner: { preHandler: requireRole(accounts, 'owner') },
  viewer: { preHandler: requireRole(accounts, 'viewer') },
});
