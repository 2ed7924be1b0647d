package gw.traces.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Generators of sensitive values in the shapes they take in the wild: the secret families of
 * Gitleaks' default rules (cloud keys, VCS and CI tokens, chat tokens and webhooks, payment keys,
 * private key blocks, database URLs, labelled generic secrets) and the personal data the redactor
 * knows. Lengths vary around the canonical one where providers' formats do (a GitHub token one
 * character short is still a token). Generic secrets are drawn as password managers draw them:
 * 16 to 40 characters holding lower case, upper case and digits.
 */
final class SensitiveSamples {
  /**
   * One value as written in a text.
   *
   * @param text how it appears, label included ({@code password=...}, {@code postgres://u:p@host})
   * @param secret the part that must not remain after redaction
   */
  record Sample(String family, String text, String secret) {
    static Sample bare(String family, String value) {
      return new Sample(family, value, value);
    }
  }

  record Family(String name, Function<Draw, Sample> draw) {
    Sample sample(Draw d) {
      return draw.apply(d);
    }
  }

  private SensitiveSamples() {}

  static final List<Family> SECRETS = List.of(
      bare("aws_access_key", d -> d.pick("AKIA", "ASIA") + d.of(Draw.UPPER + Draw.DIGITS, 15, 17)),
      new Family("aws_secret_key", d -> {
        String key = d.of(Draw.BASE64, 40);
        return new Sample("aws_secret_key", d.pick("aws_secret_access_key = ", "AWS_SECRET_ACCESS_KEY=",
            "\"SecretAccessKey\": \"", "aws_secret_key: ") + key, key);
      }),
      bare("gcp_api_key", d -> "AIza" + d.of(Draw.BASE64URL, 34, 36)),
      bare("google_oauth_secret", d -> "GOCSPX-" + d.of(Draw.BASE64URL, 27, 29)),
      bare("google_oauth_token", d -> "ya29." + d.of(Draw.BASE64URL, 120, 200)),
      new Family("azure_storage_key", d -> {
        String key = d.of(Draw.BASE64, 86) + "==";
        return new Sample("azure_storage_key", "DefaultEndpointsProtocol=https;AccountName=" + d.of(Draw.LOWER, 8)
            + ";AccountKey=" + key + ";EndpointSuffix=core.windows.net", key);
      }),
      bare("azure_client_secret", d -> d.of(Draw.ALNUM, 3) + d.of(Draw.DIGITS, 1) + "Q~"
          + d.of(Draw.ALNUM + "_~.-", 34)),
      new Family("azure_sas", d -> {
        String sig = d.of(Draw.ALNUM, 40) + "%2B" + d.of(Draw.ALNUM, 3) + "%3D";
        return new Sample("azure_sas", "https://" + d.of(Draw.LOWER, 8) + ".blob.core.windows.net/backups?sv=2022-11-02"
            + "&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&sig=" + sig, sig);
      }),
      // 36 characters after the prefix is canonical; one shorter is what a corpus once let through.
      bare("github_token", d -> d.pick("ghp_", "gho_", "ghu_", "ghs_", "ghr_") + d.of(Draw.ALNUM, 35, 37)),
      bare("github_fine_grained", d -> "github_pat_" + d.of(Draw.ALNUM, 22) + "_" + d.of(Draw.ALNUM, 59)),
      bare("gitlab_token", d -> d.pick("glpat-", "glptt-", "gldt-") + d.of(Draw.BASE64URL.replace("_", ""), 20, 22)),
      bare("npm_token", d -> "npm_" + d.of(Draw.ALNUM, 35, 37)),
      bare("pypi_token", d -> "pypi-AgEIcHlwaS5vcmc" + d.of(Draw.BASE64URL, 60, 140)),
      bare("slack_bot_token", d -> "xoxb-" + d.of(Draw.DIGITS, 10, 13) + "-" + d.of(Draw.DIGITS, 10, 13) + "-"
          + d.of(Draw.ALNUM, 23, 25)),
      bare("slack_user_token", d -> d.pick("xoxp-", "xoxa-2-") + d.of(Draw.DIGITS, 10, 13) + "-"
          + d.of(Draw.DIGITS, 10, 13) + "-" + d.of(Draw.DIGITS, 10, 13) + "-" + d.of(Draw.HEX, 32)),
      bare("slack_app_token", d -> "xapp-1-A" + d.of(Draw.UPPER + Draw.DIGITS, 10) + "-" + d.of(Draw.DIGITS, 13) + "-"
          + d.of(Draw.HEX, 64)),
      new Family("slack_webhook", d -> {
        String path = "T" + d.of(Draw.UPPER + Draw.DIGITS, 8, 10) + "/B" + d.of(Draw.UPPER + Draw.DIGITS, 8, 10) + "/"
            + d.of(Draw.ALNUM, 24);
        return new Sample("slack_webhook", "https://hooks.slack.com/services/" + path, path);
      }),
      new Family("discord_webhook", d -> {
        String path = d.of(Draw.DIGITS, 18) + "/" + d.of(Draw.BASE64URL, 68);
        return new Sample("discord_webhook", "https://discord.com/api/webhooks/" + path, path);
      }),
      bare("stripe_key", d -> d.pick("sk_live_", "rk_live_", "sk_test_") + d.of(Draw.ALNUM, 24, 99)),
      bare("sendgrid_key", d -> "SG." + d.of(Draw.BASE64URL, 22) + "." + d.of(Draw.BASE64URL, 43)),
      bare("twilio_key", d -> "SK" + d.of(Draw.HEX, 32)),
      bare("shopify_token", d -> d.pick("shpat_", "shpss_", "shpca_", "shppa_") + d.of(Draw.HEX, 32)),
      bare("huggingface_token", d -> "hf_" + d.of(Draw.UPPER + Draw.LOWER, 34)),
      bare("digitalocean_token", d -> "dop_v1_" + d.of(Draw.HEX, 64)),
      bare("anthropic_key", d -> "sk-ant-api03-" + d.of(Draw.BASE64URL, 93) + "AA"),
      bare("openai_key", d -> d.pick("sk-proj-", "sk-svcacct-", "sk-") + d.of(Draw.BASE64URL, 40, 120)),
      bare("jwt", d -> "eyJ" + d.of(Draw.BASE64URL, 20, 40) + "." + d.of(Draw.BASE64URL, 40, 160) + "."
          + d.of(Draw.BASE64URL, 43)),
      new Family("bearer_token", d -> {
        String token = d.password(Draw.ALNUM + "._-", d.between(20, 60));
        return new Sample("bearer_token", d.pick("Authorization: Bearer ", "bearer ") + token, token);
      }),
      new Family("basic_auth", d -> {
        String credentials = Base64.getEncoder().encodeToString((d.of(Draw.LOWER, 4, 10) + ":"
            + d.password(Draw.ALNUM + "!#%*", d.between(10, 24))).getBytes(StandardCharsets.UTF_8));
        return new Sample("basic_auth", "Authorization: Basic " + credentials, credentials);
      }),
      new Family("private_key", SensitiveSamples::privateKey),
      new Family("database_url", d -> {
        String password = d.password(Draw.ALNUM + "!*~_-", d.between(12, 28));
        String scheme = d.pick("postgres", "postgresql", "mysql", "mongodb+srv", "mongodb", "redis", "rediss", "amqp",
            "amqps", "mssql");
        return new Sample("database_url", scheme + "://" + d.of(Draw.LOWER, 3, 10) + ":" + password + "@"
            + d.pick("db.internal", "cluster0.ab1cd.mongodb.net", "10.0.3.7", "cache.prod.local", "mq.example.org")
            + d.pick("", ":5432", ":6379", ":5672") + "/" + d.of(Draw.LOWER, 2, 8), password);
      }),
      new Family("generic_secret", d -> {
        String value = d.password(Draw.ALNUM + d.pick("", "_-", "!#%*"), d.between(16, 40));
        String label = d.pick("password", "PASSWORD", "db_password", "passwd", "secret", "client_secret", "SECRET_KEY",
            "api_key", "API_KEY", "apikey", "x-api-key", "access_token", "auth_token", "token", "credentials");
        String assigned = switch (d.between(0, 5)) {
          case 0 -> label + "=" + value;
          case 1 -> label + ": " + value;
          case 2 -> label + " = \"" + value + "\"";
          case 3 -> "\"" + label + "\": \"" + value + "\"";
          case 4 -> label + " := '" + value + "'";
          default -> "export " + label + "=" + value;
        };
        return new Sample("generic_secret", assigned, value);
      }));

  static final List<Family> PERSONAL_DATA = List.of(
      bare("email", d -> d.of(Draw.LOWER, 2, 10) + d.pick("", ".", "_", "+") + d.of(Draw.LOWER + Draw.DIGITS, 1, 8)
          + "@" + d.pick("gmail.com", "outlook.com", "acme-corp.io", "mail.company.co.uk", "uni.edu", "web.de")),
      bare("phone_us", d -> {
        String area = d.between(2, 9) + d.of(Draw.DIGITS, 2);
        String line = d.between(2, 9) + d.of(Draw.DIGITS, 2);
        String last = d.of(Draw.DIGITS, 4);
        return switch (d.between(0, 4)) {
          case 0 -> area + "-" + line + "-" + last;
          case 1 -> "(" + area + ") " + line + "-" + last;
          case 2 -> area + "." + line + "." + last;
          case 3 -> "+1 " + area + " " + line + " " + last;
          default -> "1-" + area + "-" + line + "-" + last;
        };
      }),
      bare("phone_international", d -> d.pick("+44 20 ", "+49 30 ", "+33 1 ", "+91 98", "+81 3-", "+61 2 ")
          + d.of(Draw.DIGITS, 4) + d.pick(" ", "-", "") + d.of(Draw.DIGITS, 4)),
      bare("credit_card", SensitiveSamples::cardNumber),
      bare("iban", SensitiveSamples::iban),
      bare("ssn", d -> d.between(100, 899) + "-" + d.between(10, 99) + "-" + d.between(1000, 9999)),
      bare("ipv4", d -> (d.chance(0.5) ? d.between(1, 126) : d.between(128, 223)) + "." + d.between(0, 255) + "."
          + d.between(0, 255) + "." + d.between(1, 254)),
      bare("ipv6", d -> d.chance(0.5)
          ? String.join(":", d.of(Draw.HEX, 4), d.of(Draw.HEX, 4), d.of(Draw.HEX, 4), d.of(Draw.HEX, 4),
              d.of(Draw.HEX, 4), d.of(Draw.HEX, 4), d.of(Draw.HEX, 4), d.of(Draw.HEX, 4))
          : d.pick("2001:db8::", "fe80::", "2a02:6b8::") + d.between(1, 9) + d.of(Draw.HEX, 3)));

  static final List<Family> ALL = java.util.stream.Stream.concat(SECRETS.stream(), PERSONAL_DATA.stream()).toList();

  private static Family bare(String name, Function<Draw, String> value) {
    return new Family(name, d -> Sample.bare(name, value.apply(d)));
  }

  private static Sample privateKey(Draw d) {
    String kind = d.pick("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK");
    StringBuilder body = new StringBuilder();
    int lines = d.between(3, 26);
    for (int i = 0; i < lines; i++) {
      body.append(i == 0 ? "" : "\n").append(d.of(Draw.BASE64, i == lines - 1 ? d.between(8, 64) : 64));
    }
    String block = "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----";
    return new Sample("private_key", block, body.toString());
  }

  /** Visa, Mastercard, Amex or Discover, with a valid Luhn digit, run together or grouped. */
  private static String cardNumber(Draw d) {
    String prefix = d.pick("4", "51", "55", "34", "37", "6011");
    int length = prefix.startsWith("3") ? 15 : 16;
    String body = prefix + d.of(Draw.DIGITS, length - prefix.length() - 1);
    String number = body + luhnDigit(body);
    String separator = d.pick("", " ", "-");
    if (separator.isEmpty()) {
      return number;
    }
    return length == 15
        ? number.substring(0, 4) + separator + number.substring(4, 10) + separator + number.substring(10)
        : String.join(separator, number.substring(0, 4), number.substring(4, 8), number.substring(8, 12),
            number.substring(12));
  }

  private static int luhnDigit(String body) {
    int sum = 0;
    for (int i = body.length() - 1, position = 0; i >= 0; i--, position++) {
      int digit = body.charAt(i) - '0';
      if (position % 2 == 0) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return (10 - sum % 10) % 10;
  }

  /** A German, British, French, Dutch or Spanish IBAN with a valid check, grouped by four or run together. */
  private static String iban(Draw d) {
    String country = d.pick("DE", "GB", "FR", "NL", "ES");
    String bban = switch (country) {
      case "DE" -> d.of(Draw.DIGITS, 18);
      case "GB" -> d.of(Draw.UPPER, 4) + d.of(Draw.DIGITS, 14);
      case "FR" -> d.of(Draw.DIGITS, 10) + d.of(Draw.UPPER + Draw.DIGITS, 11) + d.of(Draw.DIGITS, 2);
      case "NL" -> d.of(Draw.UPPER, 4) + d.of(Draw.DIGITS, 10);
      default -> d.of(Draw.DIGITS, 20);
    };
    String iban = country + checkDigits(country, bban) + bban;
    if (d.chance(0.5)) {
      return iban;
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      grouped.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
    }
    return grouped.toString();
  }

  private static String checkDigits(String country, String bban) {
    String rearranged = bban + country + "00";
    int remainder = 0;
    for (char c : rearranged.toCharArray()) {
      int v = Character.digit(c, 36);
      remainder = v < 10 ? (remainder * 10 + v) % 97 : (remainder * 100 + v) % 97;
    }
    int check = 98 - remainder;
    return check < 10 ? "0" + check : Integer.toString(check);
  }
}
