import { INestApplication, Injectable } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const API_PREFIX = '/api/v1';

/**
 * The OpenAPI document of the tenant JSON API, generated from the controllers
 * and DTOs once the application is assembled; pages and console routes are left out.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Plaza participation API')
    .setDescription(
      "JSON API of an organization's participation site. Public content is readable without " +
        'signing in. Writes use either the signed-in session cookie and its CSRF token in ' +
        '`x-csrf-token`, or a personal API token (created at `/account/tokens`, shown once) in ' +
        '`Authorization: Bearer <token>`, without CSRF token. A token belongs to one organization ' +
        'and acts as its owner, a participant (never with admin rights); each token may make 120 ' +
        'requests a minute (429 with `Retry-After` beyond), and repeated invalid tokens lock the ' +
        'address out for a while.',
    )
    .setVersion('1')
    .addCookieAuth('plaza_session')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Personal API token' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.paths = Object.fromEntries(
    Object.entries(document.paths).filter(([path]) => path.startsWith(API_PREFIX)),
  );
  return document;
}

/** Holds the document built at start-up, for the controller that serves it. */
@Injectable()
export class OpenApiDocument {
  private document: OpenAPIObject | null = null;

  set(document: OpenAPIObject): void {
    this.document = document;
  }

  get(): OpenAPIObject | null {
    return this.document;
  }
}
