/** Progress lines of `npm run local` itself; child output is prefixed with its own name. */
export function log(message: string): void {
  console.log(`[local] ${message}`);
}

export function logError(message: string): void {
  console.error(`[local] ${message}`);
}
