import { createSocket, RemoteInfo, Socket } from 'node:dgram';
import { AddressInfo } from 'node:net';

const TYPE_TXT = 16;
const CLASS_IN = 1;

/**
 * A tiny authoritative DNS server over UDP on a free local port, answering TXT
 * questions from a table the test fills (enough for domain verification).
 */
export class TestDns {
  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly txt: Map<string, string[]>,
  ) {}

  static async start(): Promise<TestDns> {
    const socket = createSocket('udp4');
    const txt = new Map<string, string[]>();
    socket.on('message', (msg, rinfo) => TestDns.answer(socket, txt, msg, rinfo));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new TestDns(socket, (socket.address() as AddressInfo).port, txt);
  }

  /** `127.0.0.1:<port>`, the value of DNS_RESOLVER. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  setTxt(name: string, values: string[]): void {
    this.txt.set(name.toLowerCase(), values);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private static answer(
    socket: Socket,
    txt: Map<string, string[]>,
    msg: Buffer,
    rinfo: RemoteInfo,
  ) {
    if (msg.length < 12) return;
    const labels: string[] = [];
    let offset = 12;
    while (offset < msg.length && msg[offset] !== 0) {
      const length = msg[offset];
      labels.push(msg.subarray(offset + 1, offset + 1 + length).toString('latin1'));
      offset += length + 1;
    }
    const questionEnd = offset + 5;
    if (questionEnd > msg.length) return;
    const qtype = msg.readUInt16BE(offset + 1);
    const name = labels.join('.').toLowerCase();
    const values = qtype === TYPE_TXT ? (txt.get(name) ?? []) : [];
    const known = txt.has(name);

    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // same id
    // QR=1, AA=1, RD copied; RCODE 3 (NXDOMAIN) for names we do not hold.
    header[2] = 0x84 | (msg[2] & 0x01);
    header[3] = known ? 0 : 3;
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(values.length, 6);
    const question = msg.subarray(12, questionEnd);
    const answers = values.map((value) => {
      const text = Buffer.from(value, 'utf8');
      const rdata = Buffer.concat([Buffer.from([text.length]), text]);
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
      fixed.writeUInt16BE(TYPE_TXT, 2);
      fixed.writeUInt16BE(CLASS_IN, 4);
      fixed.writeUInt32BE(60, 6);
      fixed.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([fixed, rdata]);
    });
    socket.send(Buffer.concat([header, question, ...answers]), rinfo.port, rinfo.address);
  }
}
