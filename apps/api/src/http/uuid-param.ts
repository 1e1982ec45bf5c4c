import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from '@carryover/shared';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationError([{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
