import { AddressInfo } from 'node:net';

import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The login the client authenticated as, when it did. */
  user?: string;
  /** The `From:` header as sent. */
  fromHeader: string;
}

export interface TestSmtpOptions {
  /** When given, clients must log in with one of these user → password pairs. */
  users?: Record<string, string>;
}

/** A real SMTP server on a free local port that keeps what it receives. */
export class TestSmtp {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly messages: CapturedMail[],
  ) {}

  static async start(options: TestSmtpOptions = {}): Promise<TestSmtp> {
    const messages: CapturedMail[] = [];
    const users = options.users;
    const server = new SMTPServer({
      authOptional: !users,
      // Tests talk plain SMTP on loopback; production servers use TLS.
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (users && users[auth.username ?? ''] === auth.password) {
          callback(null, { user: auth.username });
        } else {
          callback(new Error('Invalid username or password'));
        }
      },
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const mail: CapturedMail = {
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              user: typeof session.user === 'string' ? session.user : undefined,
              fromHeader: parsed.from?.text ?? '',
            };
            messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    return new TestSmtp(server, port, messages);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Mails sent to `address` so far. */
  to(address: string): CapturedMail[] {
    return this.messages.filter(
      (m) => m.to.includes(address.toLowerCase()) || m.to.includes(address),
    );
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
