import { aLot, aPolicy, aSubject } from '../testing/compliance-subject.factory';
import { transferMethodNotAllowedRule, usableTransferMethods } from './transfer-method-not-allowed.rule';

describe('transferMethodNotAllowedRule', () => {
  it('passes when the lot offers a method the policy allows', () => {
    const lot = aLot({ transferMethods: ['structured_resale', 'invoice_reassignment', 'account_transfer'] });
    expect(transferMethodNotAllowedRule.evaluate(aSubject({ lot }))).toEqual({
      rule: 'transfer_method_not_allowed',
      outcome: 'pass',
      detail: 'anthropic policy v3 allows this trade to transfer by invoice_reassignment, account_transfer.',
    });
  });

  it('blocks naming the allowed methods when the lot offers none of them', () => {
    const lot = aLot({ transferMethods: ['structured_resale'] });
    expect(transferMethodNotAllowedRule.evaluate(aSubject({ lot }))).toEqual({
      rule: 'transfer_method_not_allowed',
      outcome: 'block',
      detail:
        'anthropic policy v3 allows account_transfer, invoice_reassignment; ' +
        'this lot offers structured_resale, leaving no usable transfer method.',
    });
  });

  it('blocks when the only shared method with the counterparty is not allowed by the policy', () => {
    const subject = aSubject({
      lot: aLot({ transferMethods: ['account_transfer', 'structured_resale'] }),
      transferMethods: ['structured_resale'],
    });
    expect(transferMethodNotAllowedRule.evaluate(subject)).toEqual({
      rule: 'transfer_method_not_allowed',
      outcome: 'block',
      detail:
        'anthropic policy v3 allows account_transfer, invoice_reassignment; this lot offers ' +
        'account_transfer, structured_resale and the counterparty accepts structured_resale, ' +
        'leaving no usable transfer method.',
    });
  });

  it('passes with a counterparty that accepts an allowed method the lot offers', () => {
    const subject = aSubject({
      lot: aLot({ transferMethods: ['account_transfer', 'invoice_reassignment'] }),
      transferMethods: ['invoice_reassignment'],
    });
    expect(transferMethodNotAllowedRule.evaluate(subject)?.outcome).toBe('pass');
  });

  it('blocks when the counterparty accepts no method at all', () => {
    const detail = transferMethodNotAllowedRule.evaluate(aSubject({ transferMethods: [] }));
    expect(detail?.outcome).toBe('block');
    expect(detail?.detail).toContain('the counterparty accepts none');
  });

  it('blocks when the policy allows no method', () => {
    const check = transferMethodNotAllowedRule.evaluate(
      aSubject({ policy: aPolicy({ transferMethods: [] }) }),
    );
    expect(check?.outcome).toBe('block');
    expect(check?.detail).toMatch(/^anthropic policy v3 allows none; this lot offers account_transfer,/);
  });
});

describe('usableTransferMethods', () => {
  it('keeps the lot order, drops duplicates and intersects with the counterparty and the policy', () => {
    const subject = aSubject({
      lot: aLot({ transferMethods: ['invoice_reassignment', 'account_transfer', 'invoice_reassignment'] }),
      transferMethods: ['account_transfer', 'invoice_reassignment', 'structured_resale'],
    });
    expect(usableTransferMethods(subject)).toEqual(['invoice_reassignment', 'account_transfer']);
  });
});
