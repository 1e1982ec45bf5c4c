import { ValidationError as ClassValidatorError } from 'class-validator';
import { flattenValidationErrors } from './validation.pipe';

function node(property: string, constraints?: Record<string, string>, children: ClassValidatorError[] = []) {
  return Object.assign(new ClassValidatorError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('names nested fields with dotted paths, one entry per field', () => {
    const errors = [
      node('user', undefined, [
        node('password', { minLength: 'password must be longer than or equal to 12 characters' }),
      ]),
      node('extra', { whitelistValidation: 'property extra should not exist' }),
      node('name', {
        isNotEmpty: 'name should not be empty',
        isLength: 'name must be longer than or equal to 1 characters',
      }),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'user.password', message: 'password must be longer than or equal to 12 characters' },
      { field: 'extra', message: 'is not a known field' },
      {
        field: 'name',
        message: 'name should not be empty; name must be longer than or equal to 1 characters',
      },
    ]);
  });
});
