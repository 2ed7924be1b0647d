package gw.mock.client;

/**
 * Everything chosen at random for one RAG request, drawn up front so a seed gives the same traffic.
 *
 * @param question         what the app retrieves for and what a right answer holds
 * @param userMessage      what the user typed: the question, in the realistic profile sometimes with the
 *                         user's own details or a request for detail around it
 * @param orderLookup      the app also called its {@code lookup_order} tool
 * @param orderLookupFails that call failed
 * @param jsonAnswer       the app asks for a JSON answer ({@code response_format: json_object})
 */
record PlannedRequest(long number, String requestId, SampleQuestion question, String sessionId, String userId,
                      boolean stream, boolean orderLookup, boolean orderLookupFails, String orderId,
                      long orderLookupMs, String userMessage, boolean jsonAnswer) {
}
