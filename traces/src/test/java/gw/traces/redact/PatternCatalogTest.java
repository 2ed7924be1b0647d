package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.json.BindingException;
import gw.traces.json.Json;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue is data: operators add patterns, and a broken one stops start-up with the field and the fix. */
class PatternCatalogTest {
  private static final String EMPLOYEE_ID = """
      {"type": "employee_id", "sensitivity": "high_risk", "regex": "(?<![\\\\w\\\\]-])EMP-[0-9]{6}(?![\\\\w\\\\[])",
       "starts_with": ["EMP-"], "min_digits": 6}""";

  @Test
  void anOperatorPatternAppendedToTheShippedFileIsRedactedAndJudgedByItsClass() throws Exception {
    Redactor redactor = Redactor.fromJson(shippedWith(EMPLOYEE_ID));

    assertThat(redactor.redact("badge EMP-204518, mail a@b.io"))
        .isEqualTo("badge [REDACTED:employee_id], mail [REDACTED:email]");
    assertThat(redactor.matches("EMP-204518").get(0).sensitivity()).isEqualTo(Sensitivity.HIGH_RISK);
    assertThat(Redactor.defaults().redact("badge EMP-204518")).isEqualTo("badge EMP-204518");
  }

  @Test
  void theShippedFileIsTheBuiltInCatalogue() throws Exception {
    Redactor fromFile = Redactor.fromJson(shipped());
    assertThat(fromFile.types()).isEqualTo(Redactor.defaults().types()).contains("private_key", "slack_token",
        "generic_secret", "base64_encoded", "email");
  }

  @Test
  void aValueMergedFromAKeyAndAnEmailIsJudgedAsTheKey() {
    // The URL's password and the email-shaped "password@host" start together: one placeholder, named
    // after the pattern listed first, of the graver class, so the password never passes as contact data.
    Redactor.Match match = Redactor.defaults().matches("postgres://app:S3cr3tpa55@db.example.com/app").get(0);
    assertThat(match.value()).isEqualTo("S3cr3tpa55@db.example.com");
    assertThat(match.type()).isEqualTo("url_password");
    assertThat(match.sensitivity()).isEqualTo(Sensitivity.CREDENTIAL);
  }

  static Stream<Arguments> brokenPatterns() {
    return Stream.of(
        Arguments.of(Map.of("type", "x", "regex", "(unclosed"), "patterns[N].regex does not compile: Unclosed group"),
        Arguments.of(Map.of("type", "x", "regex", "a*"), "patterns[N].regex matches an empty text; require at least"),
        Arguments.of(Map.of("type", "Bad Name", "regex", "x"),
            "patterns[N].type is \"Bad Name\"; name the placeholder"),
        Arguments.of(Map.of("type", "x", "regex", "x", "validator", "lunh"),
            "patterns[N].validator is \"lunh\"; use one of [basic_credentials, card_number, has_digit, host_ipv4"),
        Arguments.of(Map.of("type", "x", "regex", "x", "decode", "rot13"),
            "patterns[N].decode is \"rot13\"; use one of"),
        Arguments.of(Map.of("type", "x", "regex", "x", "decode", "base64", "sensitivity", "contact"),
            "patterns[N].sensitivity is set on a decoding pattern; remove it"),
        Arguments.of(Map.of("type", "x", "regex", "x", "sensitivity", "secret"),
            "patterns[N].sensitivity is \"secret\"; use one of [credential, high_risk, contact]"),
        Arguments.of(Map.of("type", "x", "regex", "x", "digit_windows", true),
            "patterns[N].digit_windows needs min_digits"),
        Arguments.of(Map.of("type", "x", "regex", "x", "spans_lines", true),
            "patterns[N].spans_lines needs starts_with"),
        Arguments.of(Map.of("type", "x", "regex", "x", "starts_with", new String[] {"x"}, "digit_windows", true,
            "min_digits", 2), "patterns[N] sets more than one of starts_with, digit_windows and token_runs"),
        Arguments.of(Map.of("type", "x", "regex", "x", "min_entropy", 9.5), "patterns[N].min_entropy is 9.5"),
        Arguments.of(Map.of("type", "x", "regex", "x", "space_after", new String[] {"two words"}),
            "patterns[N].space_after has two words; list plain words"));
  }

  /** Appended to the shipped file, so "patterns[N]" is its index there. */
  @ParameterizedTest(name = "{1}")
  @MethodSource("brokenPatterns")
  void aBrokenPatternIsRejectedWithItsPathAndTheFix(Map<String, Object> pattern, String message) throws Exception {
    JsonNode file = shippedWith(Json.MAPPER.writeValueAsString(pattern));
    String added = "patterns[" + (file.get("patterns").size() - 1) + "]";
    assertThatThrownBy(() -> Redactor.fromJson(file))
        .isInstanceOf(BindingException.class).hasMessageStartingWith(message.replace("patterns[N]", added));
  }

  @Test
  void anEmptyCatalogueIsRefusedRatherThanRedactingNothing() {
    JsonNode empty = Json.MAPPER.createObjectNode().set("patterns", Json.MAPPER.createArrayNode());
    assertThatThrownBy(() -> Redactor.fromJson(empty))
        .isInstanceOf(BindingException.class).hasMessageStartingWith("patterns is missing or empty");
  }

  private static JsonNode shipped() throws Exception {
    try (InputStream in = Redactor.class.getResourceAsStream(Redactor.PATTERNS_FILE)) {
      return Json.CONFIG.readTree(in);
    }
  }

  private static JsonNode shippedWith(String pattern) throws Exception {
    ObjectNode file = (ObjectNode) shipped();
    ((ArrayNode) file.get("patterns")).add(Json.MAPPER.readTree(pattern));
    return file;
  }
}
