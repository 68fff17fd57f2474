import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The security headers every answer carries (helmet): the app's pages may run only our own
 * scripts and cannot be framed by another origin (sign-in included), content types are not
 * sniffed, and other sites learn only our origin from a link. A page with stricter needs (a share
 * link, an attachment) sets its own Content-Security-Policy on its reply, which replaces this one.
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }) {
  await app.register(fastifyHelmet, {
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
  });
}
