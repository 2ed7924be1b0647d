package gw.gateway.config;

import gw.gateway.config.GatewayConfig.Otlp;
import gw.gateway.config.GatewayConfig.OtlpProtocol;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gateway.json}'s {@code otlp} section and the standard OpenTelemetry variables as one
 * {@link Otlp}. A variable wins over the file, and a traces-specific variable over the general
 * one, as in the OpenTelemetry SDKs: {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is used as given,
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} gets {@code /v1/traces} appended. Header values are never put
 * into a message: they usually hold credentials.
 */
final class OtlpSettings {
  private final Map<String, String> env;
  private final ConfigFields f;

  private OtlpSettings(Map<String, String> env, ConfigFields f) {
    this.env = env;
    this.f = f;
  }

  static Otlp load(GatewayFile.Otlp file, Map<String, String> env, ConfigFields f) {
    return new OtlpSettings(env, f).load(file);
  }

  private Otlp load(GatewayFile.Otlp file) {
    Otlp d = Otlp.OFF;
    Map<String, String> headers = new LinkedHashMap<>();
    if (file.headers() != null) {
      file.headers().forEach((k, v) -> headers.put(k, f.required("otlp.headers." + k, v)));
    }
    headers.putAll(headers("OTEL_EXPORTER_OTLP_HEADERS"));
    headers.putAll(headers("OTEL_EXPORTER_OTLP_TRACES_HEADERS"));
    String protocol = first(env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"), env("OTEL_EXPORTER_OTLP_PROTOCOL"),
        file.protocol(), d.protocol().toString());
    String capture = env("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT");
    return new Otlp(
        disabled() ? null : endpoint(file),
        Map.copyOf(headers),
        protocol(protocol),
        capture != null ? bool("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", capture)
            : file.captureContent() != null && file.captureContent(),
        positive("OTEL_BSP_SCHEDULE_DELAY", "otlp.schedule_delay_ms", file.scheduleDelayMs(), d.scheduleDelayMs()),
        positive("OTEL_BSP_MAX_QUEUE_SIZE", "otlp.max_queue_size", file.maxQueueSize(), d.maxQueueSize()),
        positive("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "otlp.max_batch_size", file.maxBatchSize(), d.maxBatchSize()),
        positive(env("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") != null ? "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"
            : "OTEL_EXPORTER_OTLP_TIMEOUT", "otlp.timeout_ms", file.timeoutMs(), d.timeoutMs()),
        f.positive("otlp.max_attempts", file.maxAttempts() == null ? d.maxAttempts() : file.maxAttempts()),
        f.positive("otlp.initial_backoff_ms", file.initialBackoffMs() == null ? d.initialBackoffMs()
            : file.initialBackoffMs()),
        first(env("OTEL_SERVICE_NAME"), file.serviceName(), d.serviceName()));
  }

  /** OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn export off, as they do in the SDKs. */
  private boolean disabled() {
    return "true".equalsIgnoreCase(env("OTEL_SDK_DISABLED")) || "none".equalsIgnoreCase(env("OTEL_TRACES_EXPORTER"));
  }

  private URI endpoint(GatewayFile.Otlp file) {
    String traces = env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (traces != null) {
      return url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces);
    }
    String base = env("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (base != null) {
      return url("OTEL_EXPORTER_OTLP_ENDPOINT", withTracesPath(base));
    }
    if (file.tracesEndpoint() != null) {
      return url(f.where() + ": otlp.traces_endpoint", file.tracesEndpoint());
    }
    return file.endpoint() == null ? null : url(f.where() + ": otlp.endpoint", withTracesPath(file.endpoint()));
  }

  private static String withTracesPath(String base) {
    return base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
  }

  private static URI url(String where, String value) {
    URI uri = ConfigFields.httpUrl(value);
    if (uri == null) {
      throw new ConfigException(where + " '" + value + "' is not an http(s) URL; use e.g. http://127.0.0.1:4318");
    }
    return uri;
  }

  /** W3C baggage style, as the SDKs read it: {@code k=v,k2=v2}, values percent-decoded. */
  private Map<String, String> headers(String variable) {
    String value = env(variable);
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    String[] entries = value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("environment variable " + variable + ": entry " + (i + 1)
            + " is not key=value; write e.g. Authorization=Basic%20<base64>,x-langfuse-ingestion-version=4");
      }
      try {
        out.put(entry.substring(0, eq).trim(), URLDecoder.decode(entry.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("environment variable " + variable + ": the value of "
            + entry.substring(0, eq).trim() + " has a malformed %-escape");
      }
    }
    return out;
  }

  private static OtlpProtocol protocol(String value) {
    for (OtlpProtocol p : OtlpProtocol.values()) {
      if (p.toString().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new ConfigException("OTLP protocol '" + value + "' is not supported: use http/protobuf (the default)"
        + " or http/json (the gateway does not export over gRPC)");
  }

  private static boolean bool(String variable, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException("environment variable " + variable + "='" + value
          + "' must be true or false");
    };
  }

  private int positive(String variable, String field, Integer fileValue, int fallback) {
    String v = env(variable);
    if (v == null) {
      return f.positive(field, fileValue == null ? fallback : fileValue);
    }
    try {
      int parsed = Integer.parseInt(v.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("environment variable " + variable + "='" + v + "' must be a whole number > 0");
  }

  private String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
