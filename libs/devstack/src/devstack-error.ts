/**
 * A problem the developer fixes by installing something or setting a variable. Its stack is the message
 * alone, so runners that print stacks still show one readable line.
 */
export class DevstackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevstackError';
    this.stack = `${this.name}: ${message}`;
  }
}
