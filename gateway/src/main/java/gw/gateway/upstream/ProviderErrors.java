package gw.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.chain.GatewayFailure;
import gw.traces.json.Json;
import gw.traces.redact.Redactor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The provider's error answers re-made as the gateway's own, in OpenAI's shape and with the
 * provider's status. A provider's body may name the gateway's account (OpenAI's 401 echoes a masked
 * key, its 429 names the organization and its limits), so only what the client needs to fix its own
 * request passes: for 4xx other than 401/403/429, the provider's message (redacted) and its
 * type, param and code when they are plain identifiers. Auth failures, rate limits and 5xx get the
 * gateway's words. The trace keeps the provider's own answer, redacted like every trace.
 */
public final class ProviderErrors {
  private static final int MAX_MESSAGE = 1000;
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,64}");

  private final Redactor redactor;

  public ProviderErrors(Redactor redactor) {
    this.redactor = redactor;
  }

  /** What the client is told for a provider answer with this status (at least 400) and body. */
  public GatewayFailure toClient(int status, Buffer body) {
    JsonNode error = errorObject(body);
    if (status == 401 || status == 403) {
      return new GatewayFailure(status, "upstream_error", "upstream_auth_failed", null, "The provider refused the "
          + "gateway's own credentials (HTTP " + status + "). Your gateway key is fine: tell the gateway's operators.");
    }
    if (status == 429) {
      boolean quota = "insufficient_quota".equals(error.path("code").asText());
      return new GatewayFailure(429, "rate_limit_error", quota ? "insufficient_quota" : "rate_limit_exceeded", null,
          quota ? "The gateway's provider account is out of quota; tell the gateway's operators."
              : "The provider is rate limiting the gateway; retry after the time in Retry-After.");
    }
    if (status >= 500) {
      return new GatewayFailure(status, "server_error", "upstream_error", null,
          "The provider failed with HTTP " + status + "; retry later.");
    }
    String message = error.path("message").asText("");
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return new GatewayFailure(status, identifier(error.path("type"), "invalid_request_error"),
        identifier(error.path("code"), null), identifier(error.path("param"), null),
        message.isBlank() ? "The provider refused the request with HTTP " + status + "." : redactor.redact(message));
  }

  private static JsonNode errorObject(Buffer body) {
    try {
      return Json.MAPPER.readTree(body.getBytes()).path("error");
    } catch (IOException e) {
      return Json.MAPPER.missingNode();
    }
  }

  private static String identifier(JsonNode value, String fallback) {
    return value.isTextual() && IDENTIFIER.matcher(value.asText()).matches() ? value.asText() : fallback;
  }
}
