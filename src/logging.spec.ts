import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp, { stdSerializers } from 'pino-http';
import { Env } from './config/env';
import { censorUrl, pinoHttpOptions, serializeRequest } from './logging';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl';

describe('censorUrl', () => {
  it('censors the token of an answer link in the path', () => {
    expect(censorUrl(`/answer/${'a'.repeat(43)}`)).toBe('/answer/[redacted]');
    expect(censorUrl(`/api/review-links/${'a'.repeat(43)}/document?format=docx`)).toBe(
      '/api/review-links/[redacted]/document?format=docx',
    );
    expect(censorUrl('/api/reviews/1/link')).toBe('/api/reviews/1/link');
  });

  it('censors token and access_token values and keeps every other byte', () => {
    expect(censorUrl(`/admin/queues?token=${TOKEN}`)).toBe('/admin/queues?token=[redacted]');
    expect(censorUrl(`/a?x=1&access_token=${TOKEN}&y=%20b+c`)).toBe(
      '/a?x=1&access_token=[redacted]&y=%20b+c',
    );
    expect(censorUrl(`/a?TOKEN=${TOKEN}&Access_Token=${TOKEN}`)).toBe(
      '/a?TOKEN=[redacted]&Access_Token=[redacted]',
    );
  });

  it('censors names the app decodes to token (percent-encoded, bracketed)', () => {
    expect(censorUrl(`/a?%74oken=${TOKEN}`)).toBe('/a?%74oken=[redacted]');
    expect(censorUrl(`/a?token[0]=${TOKEN}`)).toBe('/a?token[0]=[redacted]');
    expect(censorUrl(`/a?token`)).toBe('/a?token=[redacted]');
  });

  it('leaves addresses without credentials alone', () => {
    for (const url of [
      '/api/guidelines',
      '/a?tokens=1&my_token=2',
      '/a?cursor=abc&limit=5',
      '/a?',
    ]) {
      expect(censorUrl(url)).toBe(url);
    }
  });
});

describe('serializeRequest', () => {
  it('censors url and query without changing the request’s own query object', () => {
    const query = { token: TOKEN, access_token: TOKEN, limit: '5' };
    const out = serializeRequest({
      method: 'GET',
      url: `/admin/queues?token=${TOKEN}&access_token=${TOKEN}&limit=5`,
      query,
    });
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(out.query).toEqual({ token: '[redacted]', access_token: '[redacted]', limit: '5' });
    expect(query.token).toBe(TOKEN);
  });
});

describe('request logs (pino-http with pinoHttpOptions)', () => {
  let server: Server;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  beforeAll(async () => {
    const env = { NODE_ENV: 'production', LOG_LEVEL: 'info' } as Env;
    const logger = pinoHttp(pinoHttpOptions(env), sink);
    server = createServer((req, res) => {
      logger(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('writes no token sent in the address, nor the Authorization header', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/admin/queues?token=${TOKEN}&access_token=${TOKEN}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines.map((line) => JSON.parse(line));
    const completed = logged.find((entry) => entry.req?.url?.startsWith('/admin/queues'));
    expect(completed).toBeDefined();
    expect(completed.req.url).toBe('/admin/queues?token=[redacted]&access_token=[redacted]');
    // One line per request: its id, the request, the answer and how long it took.
    expect(completed).toMatchObject({
      reqId: completed.req.id,
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    expect(completed.req.headers.authorization).toBe('[redacted]');
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('serialises a request once, for its completion line, and not at all at a level without one', async () => {
    const serialised = jest.spyOn(stdSerializers, 'req');
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/api/guidelines`, {
        headers: { Authorization: `Bearer ${TOKEN}`, 'X-Request-Id': 'once-1' },
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(serialised).toHaveBeenCalledTimes(1);
      const completed = lines
        .map((line) => JSON.parse(line))
        .find((entry) => entry.reqId === 'once-1');
      expect(completed.req).toMatchObject({ id: 'once-1', method: 'GET', url: '/api/guidelines' });
      expect(Object.keys(completed)).not.toContain('unusedRequestBinding');

      serialised.mockClear();
      const quiet = pinoHttp(
        pinoHttpOptions({ NODE_ENV: 'production', LOG_LEVEL: 'warn' } as Env),
        sink,
      );
      const quietServer = createServer((req, res) => {
        quiet(req, res);
        res.end('ok');
      });
      await new Promise<void>((resolve) => quietServer.listen(0, '127.0.0.1', resolve));
      try {
        const quietPort = (quietServer.address() as AddressInfo).port;
        await fetch(`http://127.0.0.1:${quietPort}/api/guidelines`);
        await new Promise((resolve) => setImmediate(resolve));
        expect(serialised).not.toHaveBeenCalled();
      } finally {
        await new Promise<void>((resolve) => quietServer.close(() => resolve()));
      }
    } finally {
      serialised.mockRestore();
    }
  });
});
