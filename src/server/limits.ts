/** Server limits that the CLI needs without loading the server itself (Fastify is slow to import). */
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
