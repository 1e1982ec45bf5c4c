import { createServer, type AddressInfo } from 'node:net';
import { assertRedisReachable, describeRedisEndpoint } from './redis-endpoint';

/** A port on which nothing listens: bound, read, and released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('describeRedisEndpoint', () => {
  it('keeps host, port and database but never the credentials', () => {
    expect(describeRedisEndpoint('redis://user:s3cret@cache.internal:6380/2')).toBe(
      'redis://cache.internal:6380/2',
    );
    expect(describeRedisEndpoint('rediss://:s3cret@cache.internal')).toBe('rediss://cache.internal:6379');
  });
});

describe('assertRedisReachable', () => {
  it('fails at once with a message naming REDIS_URL and the endpoint, without the password', async () => {
    const port = await closedPort();

    const probe = assertRedisReachable(`redis://:s3cret@127.0.0.1:${port}`, 2_000);

    await expect(probe).rejects.toThrow(
      `Redis is unreachable at redis://127.0.0.1:${port} (REDIS_URL): connect ECONNREFUSED`,
    );
    await expect(probe).rejects.not.toThrow(/s3cret/);
  });
});
