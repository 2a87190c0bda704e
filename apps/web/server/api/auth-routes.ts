import { email, role } from '@sightline/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AccountError, SESSION_TTL_MS, type Accounts } from '../auth/accounts.js';
import { refuseCrossSite, roleGuards, SESSION_COOKIE } from '../auth/guard.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { PASSWORD_MIN } from '../auth/password.js';
import { parseBody } from './parse.js';

const password = z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(1_024);
const signIn = z.object({ email, password: z.string().min(1).max(1_024) });
const newUser = z.object({ email, name: z.string().trim().min(1).max(128), password, role });
const setup = newUser.omit({ role: true });

/** Sign-in, sign-out, first-run owner set-up, users and API keys. */
export function authRoutes(
  app: FastifyInstance,
  accounts: Accounts,
  throttle: LoginThrottle,
  secureCookies: boolean,
): void {
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: SESSION_TTL_MS / 1_000,
    });
  const { owner, viewer } = roleGuards(accounts);

  app.get('/api/setup', (_, reply) => reply.send({ needed: accounts.needsSetup() }));

  // The first owner; refused once anyone exists.
  app.post('/api/setup', { preHandler: refuseCrossSite }, async (request, reply) => {
    if (!accounts.needsSetup())
      return reply.code(409).send({ error: 'conflict', message: 'the owner already exists' });
    const body = parseBody(setup, request.body, reply);
    if (!body) return;
    await accounts.createUser({ email: body.email, name: body.name, role: 'owner' }, body.password);
    setSession(reply, (await accounts.signIn(body.email, body.password))!);
    return reply.code(201).send({ email: body.email, role: 'owner' });
  });

  app.post('/api/login', { preHandler: refuseCrossSite }, async (request, reply) => {
    const body = parseBody(signIn, request.body, reply);
    if (!body) return;
    const wait = await throttle.reserve(body.email, request.ip);
    if (wait > 0)
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .send({ error: 'too_many_attempts', message: `too many attempts; try again in ${wait} s` });
    const token = await accounts.signIn(body.email, body.password);
    if (!token)
      return reply
        .code(401)
        .send({ error: 'invalid_credentials', message: 'wrong e-mail or password' });
    await throttle.succeeded(body.email, request.ip);
    setSession(reply, token);
    const identity = accounts.fromSession(token)!;
    return { email: identity.email, name: identity.name, role: identity.role };
  });

  app.post('/api/logout', viewer, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await accounts.signOut(token);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
  });

  app.get('/api/me', viewer, (request, reply) => {
    const { email: who, name, role: can } = request.identity!;
    return reply.send({ email: who, name, role: can });
  });

  app.get('/api/users', owner, (_, reply) =>
    reply.send(
      accounts.users.list().map(({ value }) => ({
        email: value.email,
        name: value.name,
        role: value.role,
        createdAt: value.createdAt,
      })),
    ),
  );

  app.post('/api/users', owner, async (request, reply) => {
    const body = parseBody(newUser, request.body, reply);
    if (!body) return;
    try {
      await accounts.createUser(
        { email: body.email, name: body.name, role: body.role },
        body.password,
      );
    } catch (error) {
      if (error instanceof AccountError)
        return reply.code(error.status).send({ error: 'conflict', message: error.message });
      throw error;
    }
    return reply.code(201).send({ email: body.email, name: body.name, role: body.role });
  });

  app.get('/api/api-keys', owner, (_, reply) =>
    reply.send(
      accounts.listApiKeys().map(({ id, name, role: can, prefix, createdAt }) => ({
        id,
        name,
        role: can,
        prefix,
        createdAt,
      })),
    ),
  );

  app.post('/api/api-keys', owner, async (request, reply) => {
    const body = parseBody(
      z.object({ name: z.string().trim().min(1).max(128), role }),
      request.body,
      reply,
    );
    if (!body) return;
    const { id, key } = await accounts.createApiKey(body.name, body.role, request.identity!.email);
    // The only time the key is shown.
    return reply.code(201).send({ id, key, name: body.name, role: body.role });
  });

  app.delete<{ Params: { id: string } }>('/api/api-keys/:id', owner, async (request, reply) => {
    await accounts.removeApiKey(request.params.id);
    return reply.code(204).send();
  });
}
