package gw.gateway.chain;

import io.vertx.core.http.HttpMethod;

/** The OpenAI routes the data plane serves; anything else is a 404 in OpenAI's shape. */
public enum Route {
  CHAT_COMPLETIONS(HttpMethod.POST, "/v1/chat/completions", "/chat/completions"),
  EMBEDDINGS(HttpMethod.POST, "/v1/embeddings", "/embeddings"),
  MODELS(HttpMethod.GET, "/v1/models", "/models");

  private final HttpMethod method;
  private final String path;
  private final String upstreamPath;

  Route(HttpMethod method, String path, String upstreamPath) {
    this.method = method;
    this.path = path;
    this.upstreamPath = upstreamPath;
  }

  public HttpMethod method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** Path relative to the upstream base URL (which already ends in /v1). */
  public String upstreamPath() {
    return upstreamPath;
  }

  public boolean hasBody() {
    return method == HttpMethod.POST;
  }

  /** Matches a request path, tolerating a trailing slash; null when no route serves it. */
  public static Route match(HttpMethod method, String path) {
    String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (Route r : values()) {
      if (r.path.equals(p) && r.method.equals(method)) {
        return r;
      }
    }
    return null;
  }
}
