package gw.mock.client;

/**
 * Everything chosen at random for one RAG request, drawn up front so a seed gives the same traffic.
 *
 * @param orderLookup      the app also called its {@code lookup_order} tool
 * @param orderLookupFails that call failed
 */
record PlannedRequest(long number, String requestId, SampleQuestion question, String sessionId, String userId,
                      boolean stream, boolean orderLookup, boolean orderLookupFails, String orderId,
                      long orderLookupMs) {
}
