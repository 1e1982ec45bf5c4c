import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

/** Sends e-mail; wrapped so tests and other transports can replace it. */
export abstract class Mailer {
  /** False when e-mail is switched off (no SMTP_URL): callers record the e-mail as skipped. */
  abstract get enabled(): boolean;
  /** Returns the message id the server accepted it under. */
  abstract send(mail: OutgoingMail): Promise<string | null>;
}

/** nodemailer over SMTP_URL, from MAIL_FROM; without SMTP_URL it only logs that e-mail is disabled. */
@Injectable()
export class SmtpMailer extends Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(SmtpMailer.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings) {
    super();
    const url = settings.mail.smtpUrl;
    this.transport = url ? createTransport(url) : null;
    if (!url) this.logger.log('E-mail is disabled: SMTP_URL is not set, notifications are not e-mailed');
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(mail: OutgoingMail): Promise<string | null> {
    if (!this.transport) throw new Error('E-mail is disabled: SMTP_URL is not set');
    const info = (await this.transport.sendMail({
      from: this.settings.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    })) as { messageId?: string };
    return info.messageId ?? null;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
