package gw.gateway.chain;

import io.vertx.core.http.HttpMethod;

/** The routes the data plane serves, each in its clients' {@link Wire}; anything else is a 404 in OpenAI's shape. */
public enum Route {
  CHAT_COMPLETIONS(HttpMethod.POST, "/v1/chat/completions", "/chat/completions", Wire.OPENAI),
  MESSAGES(HttpMethod.POST, "/v1/messages", "/messages", Wire.ANTHROPIC),
  RESPONSES(HttpMethod.POST, "/v1/responses", "/responses", Wire.RESPONSES),
  /** A stored response, passed to the provider as asked: {@code GET /v1/responses/{id}}. */
  RESPONSE(HttpMethod.GET, "/v1/responses/{id}", "/responses/", Wire.OPENAI),
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

  /** A model's answer to a conversation (chat, messages, responses): the body the chain sees is a chat completion request. */
  public boolean isCompletion() {
    return this == CHAT_COMPLETIONS || this == MESSAGES || this == RESPONSES;
  }

  /** The path of a try sent in {@code wire}: a completion goes to that shape's own completion API. */
  public String upstreamPath(Wire wire) {
    if (isCompletion()) {
      return switch (wire) {
        case ANTHROPIC -> MESSAGES.upstreamPath;
        case RESPONSES -> RESPONSES.upstreamPath;
        case OPENAI -> CHAT_COMPLETIONS.upstreamPath;
      };
    }
    return upstreamPath;
  }

  private static final java.util.regex.Pattern RESOURCE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,200}");
  private static final String RESPONSE_PREFIX = "/v1/responses/";

  /** The id a {@link #RESPONSE} path names (checked: letters, digits, '_' and '-'), else null. */
  public static String resourceId(String path) {
    if (!path.startsWith(RESPONSE_PREFIX)) {
      return null;
    }
    String id = path.substring(RESPONSE_PREFIX.length());
    id = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    return RESOURCE_ID.matcher(id).matches() ? id : null;
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
    if (method.equals(HttpMethod.GET) && resourceId(p) != null) {
      return RESPONSE;
    }
    for (Route r : values()) {
      if (r.path.equals(p) && r.method.equals(method)) {
        return r;
      }
    }
    return null;
  }
}
