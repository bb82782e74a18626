import {
  HttpClient,
  type HttpOptions,
  type HttpRequest,
  type HttpResponse,
  type JsonResponse,
} from '../../http/client.js';
import { scannerHttpOptions, type ScannerContext } from '../scanner.js';
import { type Call, explain, notJson } from './errors.js';
import { serverRoot } from './urls.js';

/** Dependency-Track's REST API over the project's HTTP client: `X-Api-Key`, and failures explained. */
export class DtApi {
  /**
   * Set once `/api/version` answered as Dependency-Track: api-url reaches the API server, so a web page or a
   * non-JSON answer later comes from something in front of it (a login proxy), not from the web UI.
   */
  private dtAnswered = false;

  constructor(
    private readonly http: HttpClient,
    readonly root: string,
  ) {}

  static open(ctx: ScannerContext, overrides: Partial<HttpOptions> = {}): DtApi {
    const root = serverRoot(ctx.config.apiUrl ?? '');
    const http = new HttpClient({
      baseUrl: `${root}/`,
      headers: { 'X-Api-Key': ctx.config.token ?? '' },
      ...scannerHttpOptions(ctx),
      ...overrides,
    });
    return new DtApi(http, root);
  }

  async send(req: HttpRequest, call: Call): Promise<HttpResponse> {
    try {
      return await this.http.send(req);
    } catch (error) {
      throw explain(error, call, this.dtAnswered);
    }
  }

  /** Sends and parses JSON (a blank body is `null`); an answer that is not JSON says what api-url should be. */
  async json<T = unknown>(req: HttpRequest, call: Call): Promise<JsonResponse<T>> {
    // expectJson: a read cut short is sent again, as any network failure of a read is.
    const response = await this.send({ ...req, expectJson: true }, call);
    return this.http.parseJson<T>(req, response, (answer) => notJson(answer, call, this.dtAnswered));
  }

  /** `/api/version` answered as Dependency-Track (`checkServer`). */
  answeredAsDependencyTrack(): void {
    this.dtAnswered = true;
  }

  /** Waits between polls; a stopped run ends the wait. */
  wait(ms: number): Promise<void> {
    return this.http.wait(ms);
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

/** `X-Total-Count`, the number of rows a paged list holds; `undefined` when absent or not a number. */
export function totalCount(headers: HttpResponse['headers']): number | undefined {
  const raw = headers['x-total-count'];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
