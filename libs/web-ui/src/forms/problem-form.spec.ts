import { ApiError } from '../api/problem';
import { showProblemOnForm } from './problem-form';

function form() {
  const target = {
    errors: {} as Record<string, string>,
    setErrors: (errors: Record<string, string>) => (target.errors = errors),
  };
  return target;
}

const validation = (errors: { field: string; message: string }[]) =>
  new ApiError({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'The request is not valid.',
    code: 'validation_failed',
    errors,
  });

describe('showProblemOnForm', () => {
  it('puts each message on the form field it names, through the map, and leaves nothing above the form', () => {
    const target = form();
    const message = showProblemOnForm(
      target,
      validation([
        { field: 'quantityMinor', message: 'quantityMinor must not be less than 1' },
        { field: 'priceSchedule.1.priceBps', message: 'priceBps must not be greater than 10000' },
      ]),
      { quantityMinor: 'quantity', 'priceSchedule.1.priceBps': 'tiers.1.price' },
      ['quantity', 'tiers.1.price'],
    );
    expect(target.errors).toEqual({
      quantity: 'quantityMinor must not be less than 1',
      'tiers.1.price': 'priceBps must not be greater than 10000',
    });
    expect(message).toBeNull();
  });

  it('tells above the form what names a field the form does not have', () => {
    const target = form();
    const message = showProblemOnForm(
      target,
      validation([{ field: 'goodTill', message: 'goodTill must include a time zone' }]),
      {},
      ['quantity'],
    );
    expect(target.errors).toEqual({});
    expect(message).toBe('The request is not valid. goodTill must include a time zone');
  });

  it('returns the problem’s sentence for a problem without fields', () => {
    const target = form();
    const error = new ApiError({
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'The quantity is more than the lot has available.',
      code: 'insufficient_lot_balance',
    });
    expect(showProblemOnForm(target, error)).toBe('The quantity is more than the lot has available.');
    expect(target.errors).toEqual({});
  });
});
