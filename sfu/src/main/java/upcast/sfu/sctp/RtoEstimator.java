package upcast.sfu.sctp;

/**
 * Retransmission timeout from RTT samples (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3.1">RFC 9260 §6.3.1</a>): SRTT and RTTVAR
 * with alpha 1/8 and beta 1/4, RTO = SRTT + 4 RTTVAR, clamped to [min, max], doubled on each T3
 * expiry (§6.3.3 E2).
 */
final class RtoEstimator {
  private final long minMillis;
  private final long maxMillis;
  private double srtt = -1;
  private double rttvar;
  private long rto;

  RtoEstimator(long initialMillis, long minMillis, long maxMillis) {
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.rto = initialMillis;
  }

  /** Feeds one RTT measurement (C1 for the first, C2 afterwards). */
  void sample(long rttMillis) {
    double r = Math.max(0, rttMillis);
    if (srtt < 0) {
      srtt = r;
      rttvar = r / 2;
    } else {
      rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
      srtt = 0.875 * srtt + 0.125 * r;
    }
    rto = clamp((long) Math.ceil(srtt + 4 * rttvar));
  }

  /** §6.3.3 E2: back off after a timeout. */
  void backOff() {
    rto = clamp(rto * 2);
  }

  long rtoMillis() {
    return rto;
  }

  private long clamp(long v) {
    return Math.max(minMillis, Math.min(maxMillis, v));
  }
}
