import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

/** What a channel reports after taking a message: the gateway's id for it, when it has one. */
export type SendResult = { providerId: string | null };

/**
 * An SMS gateway. `records` is true for the local channel that only keeps what it would send
 * (its messages get status `recorded`). An adapter for an Iranian SMS gateway (Kavenegar,
 * SMS.ir, Magfa… over their HTTPS APIs) implements this interface and is chosen in
 * `channelsFromConfig`; nothing else changes. `send` throws when the gateway refuses or fails:
 * the dispatcher retries.
 */
export interface SmsChannel {
  readonly records: boolean;
  send(to: string, text: string): Promise<SendResult>;
}

/** One e-mail: plain text always, HTML optionally. */
export type EmailMessage = { to: string; subject: string; text: string; html?: string };

/** An e-mail transport; `records` as for `SmsChannel`. */
export interface EmailChannel {
  readonly records: boolean;
  send(message: EmailMessage): Promise<SendResult>;
  /** Releases connections (SMTP). */
  close?(): void;
}

/** The channels the dispatcher delivers through. In-app messages need none: they are stored. */
export type Channels = { sms: SmsChannel; email: EmailChannel };

/** A message a recording channel took. */
export type RecordedMessage = { to: string; subject: string | null; text: string; at: string };

/** Keeps the most recent messages in memory (tests read them); the outbox row is the durable record. */
class Recorder {
  readonly messages: RecordedMessage[] = [];
  #count = 0;

  constructor(
    private readonly prefix: string,
    private readonly keep: number,
  ) {}

  take(message: Omit<RecordedMessage, 'at'>): SendResult {
    this.messages.push({ ...message, at: new Date().toISOString() });
    if (this.messages.length > this.keep) this.messages.splice(0, this.messages.length - this.keep);
    this.#count += 1;

    return { providerId: `${this.prefix}-${this.#count}` };
  }
}

/** The local SMS channel: records what it would send (demo mode, tests, no gateway configured). */
export class RecordingSmsChannel implements SmsChannel {
  readonly records = true;
  readonly #recorder: Recorder;

  constructor(keep = 1000) {
    this.#recorder = new Recorder('sms-recorded', keep);
  }

  /** The messages taken so far, oldest first (at most `keep`). */
  get messages(): readonly RecordedMessage[] {
    return this.#recorder.messages;
  }

  async send(to: string, text: string): Promise<SendResult> {
    return this.#recorder.take({ to, subject: null, text });
  }
}

/** The local e-mail channel, used when no SMTP server is configured. */
export class RecordingEmailChannel implements EmailChannel {
  readonly records = true;
  readonly #recorder: Recorder;

  constructor(keep = 1000) {
    this.#recorder = new Recorder('email-recorded', keep);
  }

  get messages(): readonly RecordedMessage[] {
    return this.#recorder.messages;
  }

  async send(message: EmailMessage): Promise<SendResult> {
    return this.#recorder.take({ to: message.to, subject: message.subject, text: message.text });
  }
}

/**
 * E-mail through an SMTP server (nodemailer). `url` is e.g. `smtp://user:pass@mail.example:587`
 * (STARTTLS when the server offers it) or `smtps://…:465`. Nodemailer's own logging stays off:
 * it would print message bodies.
 */
export class SmtpEmailChannel implements EmailChannel {
  readonly records = false;
  readonly #transport: Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;
  readonly #from: string;

  constructor(options: { url: string; from: string; timeoutMs?: number }) {
    const timeout = options.timeoutMs ?? 30_000;
    const transport: SMTPTransport.Options = {
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
      debug: false,
    };
    this.#transport = nodemailer.createTransport(transport);
    this.#from = options.from;
  }

  async send(message: EmailMessage): Promise<SendResult> {
    const info = await this.#transport.sendMail({
      from: this.#from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
    });
    if (info.rejected.length > 0) throw new Error(`SMTP server rejected the recipient: ${info.response}`);

    return { providerId: info.messageId };
  }

  close(): void {
    this.#transport.close();
  }
}

/** The channels configuration asks for: SMTP when a URL is set, recording otherwise; SMS records. */
export function channelsFromConfig(config: { smtpUrl: string | null; mailFrom: string }): Channels {
  return {
    sms: new RecordingSmsChannel(),
    email: config.smtpUrl
      ? new SmtpEmailChannel({ url: config.smtpUrl, from: config.mailFrom })
      : new RecordingEmailChannel(),
  };
}
