package gw.traces.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The project's Jackson mappers, all made from one setup so a setting changes in one place. Mappers
 * are thread-safe once built; share them instead of creating new ones.
 */
public final class Json {
  /**
   * Jackson's defaults (payloads, trees, and records whose field names match the JSON), with the
   * fast double writer: every stored trace prints several latencies, and the JDK's
   * {@code Double.toString} was a measurable share of the trace writer.
   */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

  /** Records written and read in snake_case (admin answers, saved incidents). */
  public static final JsonMapper SNAKE_CASE =
      MAPPER.rebuild().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** Trace records: unknown fields are ignored on read, so files written by older versions still load. */
  public static final JsonMapper TOLERANT =
      MAPPER.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Client bodies: big decimals keep numbers exactly as the client wrote them when a body is re-serialised. */
  public static final JsonMapper EXACT_NUMBERS =
      MAPPER.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /**
   * Config files ({@link JsonBinding}): snake_case records, unknown fields rejected, a repeated key
   * refused, and no silent coercion ({@code "5"} is not a number, {@code 1.5} not an integer, {@code 1}
   * not a string), so a typo fails at start-up instead of changing what the gateway does.
   */
  public static final JsonMapper CONFIG = strictConfig();

  private Json() {}

  private static JsonMapper strictConfig() {
    return SNAKE_CASE.rebuild()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
        .build();
  }
}
