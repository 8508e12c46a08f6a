import { loadConfig } from '../config/config.ts';
import { type OpenContext, openContext } from '../context/open-context.ts';

/** Opens the configured database for one CLI command, runs `fn`, and always closes it. */
export async function withContext<T>(fn: (ctx: OpenContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
