import fc from 'fast-check';
import { StripeApiError } from './errors';
import { type FormObject, type FormValue, parseForm } from './form-parser';

/** The encoding stripe-node uses: `parent[child]=value`, arrays as `list[0]=a&list[1]=b`, brackets unescaped. */
function encode(params: FormObject): string {
  const pairs: string[] = [];
  const walk = (key: string, value: FormValue): void => {
    if (typeof value === 'string') {
      pairs.push(`${escape(key)}=${encodeURIComponent(value)}`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(`${key}[${index}]`, item));
    } else {
      for (const [child, item] of Object.entries(value)) walk(`${key}[${child}]`, item);
    }
  };
  for (const [key, value] of Object.entries(params)) walk(key, value);
  return pairs.join('&');
}

function escape(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

describe('parseForm', () => {
  it('reads flat, nested and array parameters as Stripe encodes them', () => {
    const body =
      'amount=2000&currency=usd&metadata[trade_id]=t_1&metadata[note]=a+b%26c' +
      '&payment_method_types[0]=card&expand[]=latest_charge&expand[]=customer' +
      '&capabilities[transfers][requested]=true';

    expect(parseForm(body)).toEqual({
      amount: '2000',
      currency: 'usd',
      metadata: { trade_id: 't_1', note: 'a b&c' },
      payment_method_types: ['card'],
      expand: ['latest_charge', 'customer'],
      capabilities: { transfers: { requested: 'true' } },
    });
  });

  it('accepts percent-encoded brackets and keeps empty values (Stripe reads them as unset)', () => {
    expect(parseForm('metadata%5Bkey%5D=&description=')).toEqual({ metadata: { key: '' }, description: '' });
  });

  it('orders indexed arrays by index and keeps numeric metadata keys as keys', () => {
    expect(parseForm('items[1][id]=b&items[0][id]=a&metadata[0]=zero')).toEqual({
      items: [{ id: 'a' }, { id: 'b' }],
      metadata: { '0': 'zero' },
    });
  });

  it('rejects a parameter given both as a value and as a hash', () => {
    expect(() => parseForm('metadata=x&metadata[a]=b')).toThrow(StripeApiError);
    expect(() => parseForm('metadata[a]=b&metadata=x')).toThrow(/metadata/);
  });

  it('refuses prototype keys', () => {
    expect(() => parseForm('__proto__[polluted]=yes')).toThrow(StripeApiError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects malformed percent-encoding as a 400', () => {
    const error = captureError(() => parseForm('description=%E0%A4%A'));

    expect(error).toBeInstanceOf(StripeApiError);
    expect((error as StripeApiError).status).toBe(400);
  });

  it('reads back whatever the SDK encoding produces', () => {
    const key = fc.stringMatching(/^[a-z_][a-z0-9_ &=%+]{0,8}$/);
    const leaf = fc.string({ maxLength: 12 });
    const { tree } = fc.letrec<{ tree: FormObject; value: FormValue }>((tie) => ({
      tree: fc.dictionary(key, tie('value'), { minKeys: 1, maxKeys: 4 }),
      value: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('value'), { minLength: 1, maxLength: 3 }),
        tie('tree'),
      ),
    }));
    // Empty containers vanish in the encoding, as they do on the wire.
    const encodable = tree.filter((params) => !hasEmptyContainer(params));

    fc.assert(fc.property(encodable, (params) => expect(parseForm(encode(params))).toEqual(params)));
  });
});

function hasEmptyContainer(value: FormValue): boolean {
  if (typeof value === 'string') return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  // Objects whose keys are all digits read back as arrays, as on Stripe's side.
  const digitKeys = !Array.isArray(value) && Object.keys(value).every((key) => /^\d+$/.test(key));
  return children.length === 0 || digitKeys || children.some(hasEmptyContainer);
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
