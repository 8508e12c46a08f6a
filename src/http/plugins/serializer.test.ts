import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from './serializer.ts';

describe('serializerCompiler', () => {
  it('writes only declared properties, at every depth', () => {
    const schema = z.object({
      name: z.string(),
      officers: z.array(z.object({ name: z.string(), termEnd: z.string().nullable() })),
    });
    const serialize = serializerCompiler({ schema });
    const out = serialize({
      name: 'تعاونی',
      nationalCode: '0499370899',
      officers: [{ name: 'مریم', termEnd: null, mobile: '09121234567' }],
    });
    expect(JSON.parse(out)).toEqual({ name: 'تعاونی', officers: [{ name: 'مریم', termEnd: null }] });
    expect(out).not.toContain('0499370899');
    expect(out).not.toContain('09121234567');
  });
});
