package gw.mock.client;

import gw.mock.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the realistic profile's users ask and how they write it: the sample questions plus questions about
 * contacting support (answered by documents that quote the public contacts), rare questions the shop's
 * assistant should not answer, and messages wrapped in the user's own name, email, phone or order number.
 * The people are invented: {@code example.com} addresses and {@code 555} numbers.
 */
public final class RealisticQuestions {

  static final String OUT_OF_SCOPE_FEATURE = "support_chat";

  private static final List<SampleQuestion> CONTACT = List.of(
      new SampleQuestion("How can customer support be reached by email or phone?", "support_chat", "kb/contact.md",
          List.of(KnowledgeBase.SUPPORT_EMAIL, KnowledgeBase.SUPPORT_PHONE)),
      new SampleQuestion("How do I report a damaged item?", "support_chat", "kb/damaged-items.md",
          List.of(KnowledgeBase.SUPPORT_EMAIL, "14 days")),
      new SampleQuestion("Where do requests to delete personal data go?", "account_help", "kb/privacy-requests.md",
          List.of(KnowledgeBase.PRIVACY_EMAIL)));

  private static final List<SampleQuestion> OUT_OF_SCOPE = List.of(
      outOfScope("What will the weather be like in Paris tomorrow?"),
      outOfScope("Can you compose a poem about autumn leaves?"),
      outOfScope("Who won the football world cup?"),
      outOfScope("Recommend a good recipe for lasagne."));

  private static final List<Person> PEOPLE = List.of(
      new Person("Jane", "Doe", "jane.doe@example.com", "(415) 555-0132"),
      new Person("Omar", "Haddad", "omar.haddad@example.com", "212-555-0178"),
      new Person("Mei", "Tanaka", "Mei.Tanaka@example.com", "+1 646 555 0110"),
      new Person("Lucas", "Moreau", "lucas.moreau@example.com", "3125550147"),
      new Person("Priya", "Nair", "priya.nair@example.com", "(503) 555-0161"));

  private RealisticQuestions() {
  }

  /** The in-scope questions: the sample ones, then the contact ones. */
  public static List<SampleQuestion> inScope() {
    List<SampleQuestion> all = new ArrayList<>(SampleQuestions.all());
    all.addAll(CONTACT);
    return List.copyOf(all);
  }

  public static List<SampleQuestion> outOfScope() {
    return OUT_OF_SCOPE;
  }

  /** The question as one of the people writes it, with some of their details; {@code orderId} if they give it. */
  static String withDetails(SampleQuestion question, Random random, String orderId) {
    List<String> ways = writtenWithDetails(question, orderId);
    return ways.get(random.nextInt(ways.size()));
  }

  /** Every way a user writes {@code question} with their own details around it. */
  public static List<String> writtenWithDetails(SampleQuestion question, String orderId) {
    List<String> ways = new ArrayList<>();
    ways.add("Order #" + orderId + ": " + question.text());
    for (Person p : PEOPLE) {
      ways.add("Hi, I'm " + p.first() + " " + p.last() + " (" + p.email() + "). " + question.text());
      ways.add(question.text() + " Thanks, " + p.first() + ", " + p.phone());
      ways.add("This is " + p.first() + " " + p.last() + ", " + p.phone() + ", " + p.email() + ", order #"
          + orderId + ". " + question.text());
    }
    return List.copyOf(ways);
  }

  public static String askingForDetail(String message) {
    return message + " Please explain it in detail, step by step.";
  }

  private static SampleQuestion outOfScope(String text) {
    return new SampleQuestion(text, OUT_OF_SCOPE_FEATURE, null, List.of());
  }

  private record Person(String first, String last, String email, String phone) {
  }
}
