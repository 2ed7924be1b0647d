package gw.mock;

/** The fields every completion object and chunk of one response shares. */
record ResponseMeta(String id, long created, String model) {

  static final String SYSTEM_FINGERPRINT = "fp_mock";
}
