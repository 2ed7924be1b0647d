package gw.mock;

import java.util.List;

/**
 * The small company-policy knowledge base behind {@code POST /v1/retrieve}: short documents with concrete
 * facts, so a RAG client has something to retrieve and a right answer can be checked for those facts.
 */
public final class KnowledgeBase {

  /** One retrievable document; {@code source} is how answers cite it. */
  public record Document(String source, String content) {
  }

  private static final List<Document> DOCUMENTS = List.of(
      new Document("kb/refunds.md", "Refunds are accepted within 30 days of purchase. "
          + "Approved refunds go back to the original payment method."),
      new Document("kb/shipping.md", "Standard shipping takes 5 business days. "
          + "Express shipping takes 2 business days and costs $15."),
      new Document("kb/warranty.md", "Every device has a 2-year warranty against manufacturing defects. "
          + "The warranty does not cover accidental damage."),
      new Document("kb/account-security.md", "Two-factor authentication is enabled under Settings, Security. "
          + "An account is locked for 15 minutes after 5 failed sign-in attempts."),
      new Document("kb/pricing.md", "The Starter plan costs $9 per month. The Pro plan costs $29 per month. "
          + "Annual billing saves 20 percent on either plan."),
      new Document("kb/cancellation.md", "A subscription can be cancelled at any time on the Billing page. "
          + "A cancelled subscription stays active until the end of the paid period."),
      new Document("kb/returns.md", "Returned items must be unused and in their original packaging. "
          + "Return labels are free for orders over $50."),
      new Document("kb/password-reset.md", "Password reset links are sent by email and expire after 60 minutes. "
          + "A reset link works only once."),
      new Document("kb/support-hours.md", "Live chat support is open Monday to Friday from 9 am to 6 pm CET. "
          + "Phone support answers within 10 minutes on average."),
      new Document("kb/data-export.md", "Account data can be exported as a CSV file from the Privacy page. "
          + "A data export is ready to download within 24 hours."),
      new Document("kb/order-tracking.md", "A tracking number is emailed as soon as an order ships. "
          + "Track an order on the Orders page with its tracking number."),
      new Document("kb/international.md", "International orders ship to 40 countries. "
          + "Customs duties for international orders are paid by the customer on delivery."));

  /** The company's public support contacts, which the realistic profile's documents quote. */
  public static final String SUPPORT_EMAIL = "support@acme-shop.com";
  public static final String SUPPORT_PHONE = "1-800-555-0199";
  public static final String PRIVACY_EMAIL = "privacy@acme-shop.com";

  private static final List<Document> CONTACT_DOCUMENTS = List.of(
      new Document("kb/contact.md", "Customer support answers emails sent to " + SUPPORT_EMAIL + ". "
          + "Phone support is reached on " + SUPPORT_PHONE + "."),
      new Document("kb/damaged-items.md", "Report a damaged item within 14 days of delivery by writing to "
          + SUPPORT_EMAIL + " with a photo of the damage. A damaged item is replaced free of charge."),
      new Document("kb/privacy-requests.md", "Requests to delete personal data go to " + PRIVACY_EMAIL + ". "
          + "A deletion request is completed within 30 days."));

  private static final List<Document> REALISTIC = java.util.stream.Stream
      .concat(DOCUMENTS.stream(), CONTACT_DOCUMENTS.stream()).toList();

  private KnowledgeBase() {
  }

  /** The standard knowledge base: twelve policy documents without contact data. */
  public static List<Document> documents() {
    return DOCUMENTS;
  }

  /** The realistic profile's: the same twelve plus documents that quote the public support contacts. */
  public static List<Document> realistic() {
    return REALISTIC;
  }

  public static List<Document> of(MockProfile profile) {
    return profile == MockProfile.REALISTIC ? REALISTIC : DOCUMENTS;
  }
}
