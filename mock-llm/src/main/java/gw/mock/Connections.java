package gw.mock;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/** Ends an exchange without a proper response, the way a crashing provider does. */
final class Connections {

  private Connections() {
  }

  /** HTTP/2 resets only this stream (other requests share the connection); HTTP/1 closes the TCP connection. */
  static void drop(HttpServerRequest request) {
    if (request.response().closed()) {
      return;
    }
    if (request.version() == HttpVersion.HTTP_2) {
      request.response().reset();
    } else {
      request.connection().close();
    }
  }
}
