import { isPrivateAddress, webhookUrlProblem } from './webhook-url-policy';

describe('webhook URL policy', () => {
  const production = { allowPrivateHosts: false };
  const local = { allowPrivateHosts: true };

  it('accepts public http(s) URLs', () => {
    expect(webhookUrlProblem('https://hooks.acme.example/carryover?x=1', production)).toBeNull();
    expect(webhookUrlProblem('http://203.0.113.10:8080/hook', production)).toBeNull();
  });

  it.each([
    ['ftp://acme.example/hook', 'http or https'],
    ['not a url', 'absolute http'],
    ['https://user:pass@acme.example/hook', 'credentials'],
    [`https://acme.example/${'a'.repeat(2048)}`, 'at most 2048'],
  ])('refuses %s everywhere', (url, reason) => {
    expect(webhookUrlProblem(url, local)).toContain(reason);
    expect(webhookUrlProblem(url, production)).toContain(reason);
  });

  it.each([
    'http://127.0.0.1:3000/hook',
    'http://localhost/hook',
    'http://api.localhost/hook',
    'http://10.1.2.3/hook',
    'http://172.20.0.5/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[fd00::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0/hook',
    'http://redis.internal/hook',
  ])('refuses the private host of %s in production, allows it locally', (url) => {
    expect(webhookUrlProblem(url, production)).toContain('public host');
    expect(webhookUrlProblem(url, local)).toBeNull();
  });

  it('tells private from public addresses', () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('::ffff:10.0.0.1')).toBe(true);
    expect(isPrivateAddress('100.64.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
  });
});
