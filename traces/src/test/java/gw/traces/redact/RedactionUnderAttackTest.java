package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * 120,000 generated secrets and personal data values ({@link SensitiveSamples}: every family in
 * prose, in escaped JSON, URL-encoded in a query and base64-encoded; {@link Carrier}) must leave no
 * trace after redaction, whole and streamed. Each case is streamed in two chunks cut inside the
 * secret, at an offset that moves on with every case of its family and carrier, so every offset of
 * a value's length is cut somewhere; one case per family and carrier is cut at every offset of its
 * text. The streamed output must equal the whole text's redaction.
 *
 * <p>Known limit, documented in docs/SECURITY.md: in a stream, an encoded value with no whitespace
 * for more than {@link StreamRedactor#MAX_HELD_CHARS} characters (a PEM key URL- or base64-encoded)
 * is decoded in pieces, so those few cases are checked whole only.
 */
class RedactionUnderAttackTest {
  private static final Redactor REDACTOR = Redactor.defaults();
  private static final int CASES = 120_000;
  private static final long SEED = 15;

  @Test
  void noGeneratedSecretOrPersonalValueSurvivesRedactionWholeOrStreamed() {
    Draw d = new Draw(SEED);
    List<SensitiveSamples.Family> families = SensitiveSamples.ALL;
    Carrier[] carriers = Carrier.values();
    List<String> leaks = new ArrayList<>();
    Map<String, Integer> streamedPerFamily = new TreeMap<>();
    Set<String> unstreamable = new TreeSet<>();
    int notStreamed = 0;
    for (int i = 0; i < CASES; i++) {
      SensitiveSamples.Family family = families.get(i % families.size());
      Carrier carrier = carriers[i / families.size() % carriers.length];
      Carrier.Case c = carrier.embed(family.sample(d), d);
      if (c.mustVanish().stream().noneMatch(c.text()::contains)) {
        leaks.add(c.family() + "/" + c.carrier() + ": the case does not hold its own secret: " + c.text());
      }
      String redacted = REDACTOR.redact(c.text());
      leak(c, redacted, "whole").ifPresent(leaks::add);
      if (!streamable(c)) {
        unstreamable.add(c.family());
        notStreamed++;
        continue;
      }
      int round = i / (families.size() * carriers.length);
      int cut = Math.min(c.text().length(), c.secretStart() + round % (c.mustVanish().get(0).length() + 1));
      String streamed = stream(List.of(c.text().substring(0, cut), c.text().substring(cut)));
      if (!streamed.equals(redacted)) {
        leaks.add(c.family() + "/" + c.carrier() + " streamed cut at " + cut + " differs: " + streamed
            + "\n  whole: " + redacted);
      }
      streamedPerFamily.merge(c.family(), 1, Integer::sum);
      if (leaks.size() > 20) {
        break;
      }
    }
    System.out.printf("redaction under attack: %d cases, %d families x %d carriers, %d not streamed (encoded "
        + "values over the hold-back)%n", CASES, families.size(), carriers.length, notStreamed);
    assertThat(leaks).as("leaks").isEmpty();
    assertThat(streamedPerFamily).hasSize(families.size());
    assertThat(unstreamable).as("families with encoded values too long to stream").containsOnly("private_key");
  }

  @Test
  void oneCasePerFamilyAndCarrierStreamsIdenticallyCutAtEveryOffset() {
    Draw d = new Draw(SEED + 1);
    for (SensitiveSamples.Family family : SensitiveSamples.ALL) {
      for (Carrier carrier : Carrier.values()) {
        Carrier.Case c = carrier.embed(family.sample(d), d);
        if (!streamable(c)) {
          continue;
        }
        String whole = REDACTOR.redact(c.text());
        assertThat(leak(c, whole, "whole")).isEmpty();
        for (int cut = 0; cut <= c.text().length(); cut++) {
          String streamed = stream(List.of(c.text().substring(0, cut), c.text().substring(cut)));
          assertThat(streamed).as("%s/%s cut at %d of %s", family.name(), carrier, cut, c.text()).isEqualTo(whole);
        }
      }
    }
  }

  @Test
  void casesInManySmallChunksStreamIdentically() {
    Draw d = new Draw(SEED + 2);
    for (int i = 0; i < 4_000; i++) {
      SensitiveSamples.Family family = d.pick(SensitiveSamples.ALL);
      Carrier.Case c = d.pick(List.of(Carrier.values())).embed(family.sample(d), d);
      if (!streamable(c)) {
        continue;
      }
      List<String> chunks = new ArrayList<>();
      for (int at = 0; at < c.text().length(); ) {
        int size = d.between(1, 16);
        chunks.add(c.text().substring(at, Math.min(c.text().length(), at + size)));
        at += size;
      }
      assertThat(stream(chunks)).as("%s/%s in chunks %s", c.family(), c.carrier(), chunks)
          .isEqualTo(REDACTOR.redact(c.text()));
    }
  }

  /** A description of what survived, if anything: a form of the secret, or a long piece of one. */
  private static java.util.Optional<String> leak(Carrier.Case c, String redacted, String how) {
    for (String form : c.mustVanish()) {
      int window = Math.min(form.length(), Math.max(12, form.length() / 3));
      for (int at = 0; at + window <= form.length(); at += Math.max(1, window / 2)) {
        if (redacted.contains(form.substring(at, at + window))) {
          return java.util.Optional.of(c.family() + "/" + c.carrier() + " " + how + ": '"
              + form.substring(at, at + window) + "' left in " + redacted);
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean streamable(Carrier.Case c) {
    boolean encoded = c.carrier() == Carrier.URL_QUERY || c.carrier() == Carrier.BASE64;
    return !encoded || longestRunWithoutWhitespace(c.text()) <= StreamRedactor.MAX_HELD_CHARS;
  }

  private static int longestRunWithoutWhitespace(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = Character.isWhitespace(text.charAt(i)) ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private static String stream(List<String> chunks) {
    StreamRedactor stream = REDACTOR.stream();
    StringBuilder out = new StringBuilder();
    chunks.forEach(chunk -> out.append(stream.push(chunk)));
    return out.append(stream.finish()).toString();
  }
}
