package gw.mock;

import io.vertx.ext.web.RoutingContext;

/**
 * The per-request overrides of the server's options, so one mock serves mixed traffic:
 * {@code x-mock-profile} and {@code x-mock-time-scale}. A bad value is a 400 naming the header.
 */
final class RequestKnobs {

  static final String TIME_SCALE_HEADER = "x-mock-time-scale";

  private RequestKnobs() {
  }

  static MockProfile profile(RoutingContext ctx, MockProfile serverDefault) {
    String header = ctx.request().getHeader(MockProfile.HEADER);
    if (header == null) {
      return serverDefault;
    }
    try {
      return MockProfile.parse(header, MockProfile.HEADER);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidRequest(e.getMessage() + ".", MockProfile.HEADER, "invalid_value");
    }
  }

  static double timeScale(RoutingContext ctx, double serverDefault) {
    String header = ctx.request().getHeader(TIME_SCALE_HEADER);
    if (header == null) {
      return serverDefault;
    }
    try {
      double scale = Double.parseDouble(header.trim());
      if (Double.isFinite(scale) && scale >= 0) {
        return scale;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the error below
    }
    throw ApiError.invalidRequest(TIME_SCALE_HEADER + " must be a finite number >= 0 (0 = no delays, 0.05 = "
        + "twenty times faster), got '" + header + "'.", TIME_SCALE_HEADER, "invalid_value");
  }
}
