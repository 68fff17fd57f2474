import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The security headers every answer carries (helmet): the app's pages may run only our own
 * scripts and cannot be framed by another origin (sign-in included), content types are not
 * sniffed, and other sites learn only our origin from a link. A page with stricter needs (a share
 * link, an attachment) sets its own Content-Security-Policy on its reply, which replaces this one.
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }) {
  const headers = await helmetHeaders(helmetOptions(opts));
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/**
 * The headers helmet sets with these options, worked out once. @fastify/helmet builds helmet's
 * middleware again on every request (parsing the policy each time): about a tenth of a create's
 * CPU (issue 14). Our headers are the same for every answer, so they are read once from a
 * throwaway instance running the plugin, and set as they are.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Array<[string, string]>> {
  const probe = Fastify();
  await probe.register(fastifyHelmet, options);
  let headers: Array<[string, string]> = [];
  // In the handler, helmet's are the only headers set yet.
  probe.get('/', (_req, reply) => {
    headers = Object.entries(reply.raw.getHeaders()).map(([name, value]) => [name, String(value)]);
    return '';
  });
  await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  return headers;
}

function helmetOptions(opts: { https: boolean }): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and the chart library set element styles from script (allowed without this);
        // Swagger UI's docs page writes style attributes, which need it.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Only over HTTPS (SECURE_COOKIES or a TLS proxy): a browser that saw it on plain HTTP would
    // refuse the site's plain-HTTP address for a year.
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  };
}
