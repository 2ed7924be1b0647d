package gw.gateway.chain;

import io.vertx.core.http.HttpMethod;

/** The routes the data plane serves, each in its clients' {@link Wire}; anything else is a 404 in OpenAI's shape. */
public enum Route {
  CHAT_COMPLETIONS(HttpMethod.POST, "/v1/chat/completions", "/chat/completions", Wire.OPENAI),
  MESSAGES(HttpMethod.POST, "/v1/messages", "/messages", Wire.ANTHROPIC),
  EMBEDDINGS(HttpMethod.POST, "/v1/embeddings", "/embeddings", Wire.OPENAI),
  MODELS(HttpMethod.GET, "/v1/models", "/models", Wire.OPENAI);

  private final HttpMethod method;
  private final String path;
  private final String upstreamPath;
  private final Wire wire;

  Route(HttpMethod method, String path, String upstreamPath, Wire wire) {
    this.method = method;
    this.path = path;
    this.upstreamPath = upstreamPath;
    this.wire = wire;
  }

  /** The shape the route's clients speak (requests, answers, streams, errors). */
  public Wire wire() {
    return wire;
  }

  /** A model's answer to a conversation (chat or messages): the body the chain sees is a chat completion request. */
  public boolean isCompletion() {
    return this == CHAT_COMPLETIONS || this == MESSAGES;
  }

  /** The path on a provider of kind {@code provider}: a completion goes to that kind's own completion API. */
  public String upstreamPath(Wire provider) {
    if (isCompletion()) {
      return provider == Wire.ANTHROPIC ? MESSAGES.upstreamPath : CHAT_COMPLETIONS.upstreamPath;
    }
    return upstreamPath;
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
