package gw.traces.redact;

import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Generated texts of the kinds an LLM gateway carries that hold no secret and no personal data:
 * support answers and lists, code that handles passwords and tokens by name, identifiers (UUIDs,
 * git SHAs, digests, order numbers, SKUs, ISBNs, long numeric ids), prices, dates, versions, logs,
 * URLs with encoded queries, and base64 images. What the redactor finds in them is a false positive.
 */
final class CleanTexts {
  private static final List<String> PRODUCTS = List.of("trail running shoes", "noise-cancelling headphones",
      "standing desk", "espresso machine", "winter jacket", "mechanical keyboard", "travel adapter");
  private static final List<String> SENTENCES = List.of(
      "Refunds are available within 30 days of delivery, provided the item is unused.",
      "Orders placed before 2 pm ship the same business day.",
      "You can change the delivery address until the parcel leaves our warehouse.",
      "Our support team answers within one business day, usually much faster.",
      "The warranty covers manufacturing defects for 24 months from the purchase date.",
      "To reset the device, hold the power button for 10 seconds until the light blinks twice.",
      "Express shipping costs extra and arrives in one to two days in most regions.",
      "If the tracking page shows no update for 5 days, contact the carrier first.",
      "Passwords must have at least 12 characters; we never ask for yours by email.",
      "Rotate your API token every 90 days and keep secrets out of source control.",
      "The model's context window is 128k tokens, and the answer is capped at 4096 tokens.");

  private static final List<Function<Draw, String>> KINDS = List.of(
      CleanTexts::supportAnswer,
      CleanTexts::numberedList,
      CleanTexts::pythonSnippet,
      CleanTexts::javascriptSnippet,
      CleanTexts::configFile,
      CleanTexts::identifiers,
      CleanTexts::orderSummary,
      CleanTexts::logLines,
      CleanTexts::urls,
      CleanTexts::base64Image,
      CleanTexts::releaseNotes,
      CleanTexts::chatCompletionJson);

  private CleanTexts() {}

  static String next(Draw d) {
    return d.pick(KINDS).apply(d);
  }

  private static String supportAnswer(Draw d) {
    StringBuilder out = new StringBuilder("Thanks for reaching out about your " + d.pick(PRODUCTS) + ". ");
    for (int i = d.between(3, 12); i > 0; i--) {
      out.append(d.pick(SENTENCES)).append(' ');
    }
    return out.append("Is there anything else I can help with?").toString();
  }

  private static String numberedList(Draw d) {
    StringBuilder out = new StringBuilder("Here are the steps:\n");
    for (int i = 1; i <= d.between(3, 9); i++) {
      out.append(i).append(". ").append(d.pick(SENTENCES)).append('\n');
    }
    return out.append("- Tip: keep order ").append(orderNumber(d)).append(" handy.").toString();
  }

  private static String pythonSnippet(Draw d) {
    return """
        def login(request):
            password = request.form["password"]
            token = get_token(user_id=%d)
            api_key = os.environ["API_KEY"]
            secret_key = settings.SECRET_KEY
            if not check_password(password, user.password_hash):
                raise AuthError("invalid credentials")
            max_tokens = %d
            return {"token_type": "bearer", "expires_in": %d, "token_count": len(tokens)}
        """.formatted(d.between(1, 99999), d.pick(List.of(256, 1024, 4096)), d.between(300, 86400));
  }

  private static String javascriptSnippet(Draw d) {
    return """
        const apiKey = process.env.OPENAI_API_KEY;
        const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
        const password = form.elements.password.value;
        const secret = await vault.read("%s");
        for (let i = 0; i < %d; i++) { total += items[i].price * items[i].quantity; }
        export const TOKEN_LIMIT = %d;
        """.formatted(d.pick("db/creds", "payments/webhook", "app/session"), d.between(2, 500), d.between(1000, 9000));
  }

  private static String configFile(Draw d) {
    return """
        server:
          port: %d
          host: 0.0.0.0
        database:
          url: jdbc:postgresql://db.internal:5432/app
          username: app
          password: ${DB_PASSWORD}
          pool_size: %d
        auth:
          token_ttl_seconds: %d
          api_key: YOUR_API_KEY_HERE
          secret: <set in vault>
        image: registry.example.com/app:%s
        """.formatted(d.pick(List.of(8080, 8443, 3000)), d.between(5, 50), d.between(60, 86400), version(d));
  }

  private static String identifiers(Draw d) {
    return "request " + uuid(d) + " (trace " + d.of(Draw.HEX, 32) + ") failed at commit " + d.of(Draw.HEX, 40)
        + " / " + d.of(Draw.HEX, 7) + "; image digest sha256:" + d.of(Draw.HEX, 64) + ", md5 " + d.of(Draw.HEX, 32)
        + ". Ticket JIRA-" + d.between(100, 9999) + ", SKU " + sku(d) + ", ASIN B0" + d.of(Draw.UPPER + Draw.DIGITS, 8)
        + ", ISBN 978-" + d.between(0, 9) + "-" + d.of(Draw.DIGITS, 3) + "-" + d.of(Draw.DIGITS, 5) + "-"
        + d.between(0, 9)
        + ", message id " + d.of(Draw.DIGITS, d.between(17, 19)) + ".";
  }

  private static String orderSummary(Draw d) {
    return "Order " + orderNumber(d) + " placed on 2025-" + two(d.between(1, 12)) + "-" + two(d.between(1, 28))
        + " at " + two(d.between(0, 23)) + ":" + two(d.between(0, 59)) + ":" + two(d.between(0, 59)) + ": "
        + d.between(1, 5) + " x " + d.pick(PRODUCTS) + " (" + sku(d) + ") at $" + d.between(1, 1999) + "."
        + two(d.between(0, 99))
        + ", shipping EUR " + d.between(0, 40) + "," + two(d.between(0, 99)) + ", total $" + d.between(1, 9) + ","
        + d.of(Draw.DIGITS, 3) + "." + two(d.between(0, 99)) + ". Delivery expected " + two(d.between(1, 28)) + "/"
        + two(d.between(1, 12)) + "/2025, tracking 1Z" + d.of(Draw.UPPER + Draw.DIGITS, 16) + ".";
  }

  private static String logLines(Draw d) {
    StringBuilder out = new StringBuilder();
    for (int i = d.between(3, 10); i > 0; i--) {
      out.append("2025-03-").append(two(d.between(1, 28))).append('T').append(two(d.between(0, 23))).append(':')
          .append(two(d.between(0, 59))).append(':').append(two(d.between(0, 59))).append('.')
          .append(d.of(Draw.DIGITS, 3))
          .append("Z ").append(d.pick("INFO", "WARN", "DEBUG")).append(" [worker-").append(d.between(1, 16))
          .append("] request_id=").append(d.of(Draw.HEX, 16)).append(" route=/v1/chat/completions status=")
          .append(d.pick(List.of(200, 200, 429, 502))).append(" latency_ms=").append(d.between(20, 9000))
          .append(" tokens=").append(d.between(10, 4000)).append('\n');
    }
    return out.append("    at com.example.api.Handler.handle(Handler.java:").append(d.between(10, 400)).append(')')
        .toString();
  }

  private static String urls(Draw d) {
    return "See https://docs.example.com/guide/" + d.pick("setup", "billing", "errors") + "?page=" + d.between(1, 20)
        + "&lang=en#section-" + d.between(1, 9) + ", search https://shop.example.com/search?q="
        + d.pick(PRODUCTS).replace(' ', '+') + "&size=" + d.between(36, 46) + "&sort=price_asc, login at "
        + "https://app.example.com/login?redirect=%2Faccount%2Forders&utm_source=newsletter and the repo "
        + "https://github.com/example/app/blob/main/docs/README.md#L" + d.between(1, 300) + ".";
  }

  private static String base64Image(Draw d) {
    byte[] png = new byte[d.between(60, 1500)];
    for (int i = 0; i < png.length; i++) {
      png[i] = (byte) d.between(0, 255);
    }
    return "Here is the chart: ![chart](data:image/png;base64," + Base64.getEncoder().encodeToString(png) + ")";
  }

  private static String releaseNotes(Draw d) {
    return "## " + version(d) + " (2025-" + two(d.between(1, 12)) + "-" + two(d.between(1, 28)) + ")\n"
        + "- Upgraded the SDK from " + version(d) + " to " + version(d) + "-beta." + d.between(1, 9) + "\n"
        + "- Assembly version " + d.pick("1.0.0.0", "4.0.30319.42000", "10.0.19045.3693", "2.1.0.0") + "\n"
        + "- Fixed a crash in std::vector<int> handling and a race at 12:30:45 UTC\n"
        + "- MAC 00:1A:2B:" + d.of(Draw.HEX, 2).toUpperCase() + ":4D:5E is now shown in settings\n";
  }

  private static String chatCompletionJson(Draw d) {
    return "{\"id\":\"chatcmpl-" + d.of(Draw.ALNUM, 29) + "\",\"object\":\"chat.completion\",\"created\":"
        + d.between(1_700_000_000, 1_800_000_000) + ",\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + d.pick(SENTENCES) + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":" + d.between(10, 4000) + ",\"completion_tokens\":" + d.between(1, 800)
        + ",\"total_tokens\":" + d.between(20, 5000) + "},\"system_fingerprint\":\"fp_" + d.of(Draw.HEX, 10) + "\"}";
  }

  private static String uuid(Draw d) {
    return d.of(Draw.HEX, 8) + "-" + d.of(Draw.HEX, 4) + "-4" + d.of(Draw.HEX, 3) + "-" + d.pick("8", "9", "a", "b")
        + d.of(Draw.HEX, 3) + "-" + d.of(Draw.HEX, 12);
  }

  private static String orderNumber(Draw d) {
    return d.pick("ORD-2025-" + d.of(Draw.DIGITS, 6), "#" + d.between(100000, 999999), "PO-" + d.of(Draw.DIGITS, 5),
        d.of(Draw.DIGITS, d.between(8, 12)));
  }

  private static String sku(Draw d) {
    return d.pick("SKU-" + d.of(Draw.DIGITS, 4) + "-" + d.pick("S", "M", "XL"), "MBP-14-M3-512",
        d.of(Draw.UPPER, 3) + "-" + d.of(Draw.DIGITS, 5));
  }

  private static String version(Draw d) {
    return d.between(0, 12) + "." + d.between(0, 30) + "." + d.between(0, 20);
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
