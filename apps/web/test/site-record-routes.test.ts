import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileConfigStore, Goals, Sites } from '@sightline/config-store';
import { goal, type Goal } from '@sightline/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteRecordRoutes } from '../server/api/site-record-routes.js';

describe("a site's records through their routes", () => {
  let dir: string;
  let store: FileConfigStore;
  let app: FastifyInstance;
  let goals: Goals;
  let told: Goal[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sightline-records-'));
    store = new FileConfigStore(join(dir, 'config.json'));
    await store.start();
    const sites = new Sites(store);
    await sites.put({ key: 'shop', name: 'Shop', origins: ['*'], createdAt: Date.now() });
    goals = new Goals(store);
    told = [];
    app = Fastify();
    siteRecordRoutes<Goal>(app, {
      path: 'goals',
      noun: 'goal',
      sites,
      records: goals,
      schema: goal,
      owner: {},
      max: { count: 2, list: (site) => goals.list(site) },
      check: (record, reply) =>
        record.name === 'refused' ? reply.code(422).send({ error: 'refused' }) : undefined,
      saved: (record) => told.push(record),
    });
    await app.ready();
  });
  afterEach(async () => {
    await app?.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (site: string, id: string, body: unknown) =>
    app.inject({ method: 'PUT', url: `/api/sites/${site}/goals/${id}`, payload: body as object });
  const remove = (site: string, id: string) =>
    app.inject({ method: 'DELETE', url: `/api/sites/${site}/goals/${id}` });

  it('saves what the contract accepts, under the site and id of the address', async () => {
    const saved = await put('shop', 'buy', { name: 'Buy', kind: 'event', event: 'purchase' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      site: 'shop',
      id: 'buy',
      name: 'Buy',
      kind: 'event',
      event: 'purchase',
    });
    expect(goals.get('shop', 'buy')?.name).toBe('Buy');
    expect(told.map((record) => record.id)).toEqual(['buy']);
  });

  it('tells of each record saved, and of none refused', async () => {
    expect(
      (await put('shop', 'a', { name: 'refused', kind: 'event', event: 'x' })).statusCode,
    ).toBe(422);
    expect((await put('shop', 'b', { kind: 'event' })).statusCode).toBe(400);
    expect(told).toEqual([]);
    await put('shop', 'c', { name: 'C', kind: 'event', event: 'c' });
    await put('shop', 'c', { name: 'C again', kind: 'event', event: 'c' });
    expect(told.map((record) => record.name)).toEqual(['C', 'C again']);
  });

  it('refuses what the contract or the check refuses, and unknown sites, storing nothing', async () => {
    const invalid = await put('shop', 'bad', { name: 'Bad', kind: 'page' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: 'invalid_request' });
    expect(
      (await put('shop', 'no', { name: 'refused', kind: 'page', path: '/x' })).statusCode,
    ).toBe(422);
    expect((await put('nowhere', 'a', { name: 'A', kind: 'page', path: '/a' })).statusCode).toBe(
      404,
    );
    expect(goals.list('shop')).toEqual([]);
  });

  it('holds a site to its most, while its records can still be replaced', async () => {
    for (const id of ['a', 'b'])
      expect((await put('shop', id, { name: id, kind: 'page', path: `/${id}` })).statusCode).toBe(
        200,
      );
    const third = await put('shop', 'c', { name: 'c', kind: 'page', path: '/c' });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toEqual({
      error: 'too_many_goals',
      message: 'a site has at most 2 goals',
    });
    expect((await put('shop', 'a', { name: 'A2', kind: 'page', path: '/a' })).statusCode).toBe(200);
    expect(goals.list('shop').map((g) => g.name)).toEqual(['A2', 'b']);
  });

  it('deletes a record, and answers 404 for one that is not there', async () => {
    await put('shop', 'a', { name: 'A', kind: 'page', path: '/a' });
    expect((await remove('shop', 'a')).statusCode).toBe(204);
    expect(goals.get('shop', 'a')).toBeUndefined();
    const again = await remove('shop', 'a');
    expect(again.statusCode).toBe(404);
    expect(again.json()).toEqual({ error: 'not_found', message: 'no such goal' });
  });
});
