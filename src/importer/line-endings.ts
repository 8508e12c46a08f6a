import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Decodes UTF-8 (characters split across chunks included), drops a leading byte-order mark and
 * turns CRLF into LF. csv-parse counts a CRLF inside a quoted cell as two lines, so without this
 * every line number after a multi-line cell of a Windows file would be off by one.
 */
export class LineEndings extends Transform {
  readonly #decoder = new StringDecoder('utf8');
  #started = false;
  /** A CR at the end of the previous chunk, held until we know whether an LF follows. */
  #pendingCr = false;

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    this.#emit(text, false);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.#emit(this.#decoder.end(), true);
    done();
  }

  #emit(text: string, last: boolean): void {
    let s = (this.#pendingCr ? '\r' : '') + text;
    this.#pendingCr = false;
    if (!this.#started && s.length > 0) {
      this.#started = true;
      if (s.startsWith('\uFEFF')) s = s.slice(1);
    }
    if (!last && s.endsWith('\r')) {
      this.#pendingCr = true;
      s = s.slice(0, -1);
    }
    if (s.length > 0) this.push(s.replace(/\r\n/g, '\n'));
  }
}
