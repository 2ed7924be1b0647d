package gw.mock.client;

import java.util.List;

/** The questions the sample client asks, each answered by one document of {@code gw.mock.KnowledgeBase}. */
public final class SampleQuestions {

  private static final String SUPPORT = "support_chat";
  private static final String ORDERS = "order_status";
  private static final String BILLING = "billing";
  private static final String ACCOUNT = "account_help";

  private static final List<SampleQuestion> ALL = List.of(
      q("How many days after purchase are refunds accepted?", SUPPORT, "kb/refunds.md", "30 days"),
      q("Where do approved refunds go back to?", BILLING, "kb/refunds.md", "original payment method"),
      q("How long does express shipping take and what does express shipping cost?", ORDERS, "kb/shipping.md",
          "2 business days", "$15"),
      q("How many business days does standard shipping take?", ORDERS, "kb/shipping.md", "5 business days"),
      q("How long is the device warranty against manufacturing defects?", SUPPORT, "kb/warranty.md",
          "2-year warranty"),
      q("Does the warranty cover accidental damage?", SUPPORT, "kb/warranty.md", "does not cover accidental damage"),
      q("How long is an account locked after failed sign-in attempts?", ACCOUNT, "kb/account-security.md",
          "15 minutes"),
      q("Where is two-factor authentication enabled?", ACCOUNT, "kb/account-security.md", "Settings, Security"),
      q("How much does the Pro plan cost per month?", BILLING, "kb/pricing.md", "$29 per month"),
      q("How much does annual billing save on a plan?", BILLING, "kb/pricing.md", "20 percent"),
      q("Can a subscription be cancelled at any time?", BILLING, "kb/cancellation.md", "any time"),
      q("How long does a cancelled subscription stay active?", BILLING, "kb/cancellation.md",
          "end of the paid period"),
      q("When are return labels free for orders?", ORDERS, "kb/returns.md", "over $50"),
      q("What condition must returned items be in?", SUPPORT, "kb/returns.md", "original packaging"),
      q("When do password reset links expire?", ACCOUNT, "kb/password-reset.md", "60 minutes"),
      q("When is live chat support open?", SUPPORT, "kb/support-hours.md", "Monday to Friday"),
      q("How can account data be exported and when is a data export ready?", ACCOUNT, "kb/data-export.md",
          "CSV", "24 hours"),
      q("Where can I track an order with its tracking number?", ORDERS, "kb/order-tracking.md", "Orders page"),
      q("How many countries do international orders ship to?", ORDERS, "kb/international.md", "40 countries"),
      q("Who pays customs duties for international orders?", ORDERS, "kb/international.md",
          "paid by the customer"));

  private SampleQuestions() {
  }

  public static List<SampleQuestion> all() {
    return ALL;
  }

  private static SampleQuestion q(String text, String feature, String source, String... expectedFacts) {
    return new SampleQuestion(text, feature, source, List.of(expectedFacts));
  }
}
