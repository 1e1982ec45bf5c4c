import { startApi, type TestApi } from '../support/api-app';
import { registerFirm, signInOperator } from '../factories/identity.factory';

describe('GET /v1/admin/ledger/balances', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('reports balances per account and currency and whether the ledger balances, to operators only', async () => {
    const operator = await signInOperator(api);
    const response = await api.http.get('/v1/admin/ledger/balances').set(operator.auth).expect(200);
    expect(response.body.balanced).toBe(true);
    expect(Array.isArray(response.body.accounts)).toBe(true);
    for (const account of response.body.accounts) {
      expect(account).toEqual({
        account: expect.any(String),
        currency: expect.stringMatching(/^[A-Z]{3}$/),
        debitMinor: expect.any(Number),
        creditMinor: expect.any(Number),
        balanceMinor: expect.any(Number),
      });
    }
    const firm = await registerFirm(api.http);
    await api.http.get('/v1/admin/ledger/balances').set(firm.auth).expect(403);
  });
});
