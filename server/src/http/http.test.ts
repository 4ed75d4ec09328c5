import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { ERROR_REGISTRY } from '../errors.ts';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  t = await createTestApp({ logStream, logLevel: 'info' });
});
afterAll(() => t.close());

describe('health', () => {
  it('GET /healthz answers ok', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz reports the database, migrations and loaded regions', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ready',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      regions: 1,
    });
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document listing every /api/v1 route with its error responses', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    const routes = t.app.printRoutes({ commonPrefix: false });
    for (const path of [
      '/api/v1/regions',
      '/api/v1/regions/summary',
      '/api/v1/regions/{code}',
      '/api/v1/regions/{code}/children',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
      expect(doc.paths[path].get.responses['200']).toBeDefined();
      expect(doc.paths[path].get.responses['500']).toBeDefined();
    }
    expect(doc.paths['/api/v1/regions/{code}'].get.responses['404'].description).toContain('REGION_NOT_FOUND');
    expect(routes).toContain('regions');
  });

  it('serves the documentation UI at /api/docs', async () => {
    let response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    if (response.statusCode === 302) response = await t.app.inject({ method: 'GET', url: response.headers.location as string });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});

describe('errors', () => {
  it('answers unknown API paths with 404 NOT_FOUND in the registry shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Alamat tidak ditemukan.' });
  });

  it('every registry entry has a status and both languages', () => {
    for (const [code, entry] of Object.entries(ERROR_REGISTRY)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.id.length).toBeGreaterThan(5);
      expect(entry.en.length).toBeGreaterThan(5);
      expect(entry.id).not.toBe(entry.en);
    }
  });

  it('echoes a well-formed X-Request-Id and generates one otherwise', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-12345678' } });
    expect(given.headers['x-request-id']).toBe('abc-12345678');
    const bad = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('logs', () => {
  it('never contain a NIK, phone number or e-mail address from the URL', async () => {
    logLines.length = 0;
    const nik = '3510014708900001';
    await t.app.inject({ method: 'GET', url: `/api/v1/regions?q=${nik}&phone=081234567890&email=warga%40contoh.id` });
    await t.app.inject({ method: 'GET', url: `/api/v1/regions/${nik}` });
    const text = logLines.join('');
    expect(logLines.length).toBeGreaterThan(0);
    expect(text).not.toContain(nik);
    expect(text).not.toContain('081234567890');
    expect(text).not.toContain('warga');
    expect(text).toContain('[NIK]');
  });
});
