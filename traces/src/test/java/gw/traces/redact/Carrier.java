package gw.traces.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.traces.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * How a sensitive value travels inside a text: in prose, inside a JSON string (escaped), as a
 * URL-encoded query parameter, or base64-encoded. Each case lists the forms of the secret that must
 * not remain after redaction: the secret as the carrier writes it (escaped, encoded), line by line
 * for a multi-line secret, or the whole encoded blob.
 */
enum Carrier {
  PROSE, JSON, URL_QUERY, BASE64;

  private static final List<String> OPENERS = List.of("Here is what I have:", "Can you check why this fails?",
      "I found this in the logs:", "The config we deploy with reads", "Please update the record to", "Our vendor sent");
  private static final List<String> CLOSERS = List.of("Thanks!", "Is that right?", "It stopped working yesterday.",
      "Let me know what you think.", "(from the staging box)", "and nothing else changed.");

  /** One generated text to redact, and what must be gone from its redaction. */
  record Case(String family, Carrier carrier, String text, List<String> mustVanish) {
    /** Where the first form of the secret starts in the text (0 when the carrier hides it whole). */
    int secretStart() {
      return Math.max(0, text.indexOf(mustVanish.get(0)));
    }
  }

  Case embed(SensitiveSamples.Sample sample, Draw d) {
    String sentence = d.pick(OPENERS) + (sample.text().contains("\n") ? "\n" : " ") + sample.text()
        + (sample.text().contains("\n") ? "\n" : " ") + d.pick(CLOSERS);
    List<String> lines = List.of(sample.secret().split("\n"));
    return switch (this) {
      case PROSE -> new Case(sample.family(), this, sentence, lines);
      case JSON -> new Case(sample.family(), this, "{\"role\":\"tool\",\"content\":" + json(sentence) + "}",
          lines.stream().map(Carrier::jsonEscaped).toList());
      case URL_QUERY -> {
        List<String> forms = new ArrayList<>(lines.stream().map(Carrier::urlEncoded).toList());
        forms.addAll(lines);
        yield new Case(sample.family(), this, "https://app.example.com/callback?state=" + d.of(Draw.ALNUM, 12)
            + "&note=" + urlEncoded(sample.text()) + "&page=" + d.between(1, 9), forms);
      }
      case BASE64 -> {
        String blob = Base64.getEncoder().encodeToString(sentence.getBytes(StandardCharsets.UTF_8));
        yield new Case(sample.family(), this, "payload " + blob + " end", List.of(blob));
      }
    };
  }

  private static String urlEncoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String jsonEscaped(String text) {
    String quoted = json(text);
    return quoted.substring(1, quoted.length() - 1);
  }

  private static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
