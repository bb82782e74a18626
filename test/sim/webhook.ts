import { createHmac } from 'node:crypto';
import { LoopbackServer } from './server.js';

/** A loopback webhook receiver that fails its first `failures` deliveries with 502 and `failureBody`. */
export class WebhookReceiver extends LoopbackServer {
  constructor(failures = 0, failureBody = '') {
    let seen = 0;
    super((_req, res) => {
      seen += 1;
      if (seen > failures) return void res.writeHead(204).end();
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(failureBody);
    });
  }

  /** Whether a delivery's signature header is the HMAC-SHA256 of its raw body under `secret`. */
  static signedWith(secret: string, body: string, header: string | string[] | undefined): boolean {
    return header === `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  }
}
