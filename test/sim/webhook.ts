import { createHmac } from 'node:crypto';
import { LoopbackServer } from './server.js';

/** A loopback webhook receiver that fails its first `failures` deliveries with 502. */
export class WebhookReceiver extends LoopbackServer {
  constructor(failures = 0) {
    let seen = 0;
    super((_req, res) => {
      seen += 1;
      res.writeHead(seen <= failures ? 502 : 204);
      res.end();
    });
  }

  /** Whether a delivery's signature header is the HMAC-SHA256 of its raw body under `secret`. */
  static signedWith(secret: string, body: string, header: string | string[] | undefined): boolean {
    return header === `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  }
}
