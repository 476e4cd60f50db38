package upcast.sfu.client;

import upcast.sfu.rtp.SequenceCounter;

/**
 * Loss accounting of one received RTP stream by its sequence numbers (RFC 3550 §6.4.1 and Appendix
 * A.1), the way the SFU counts its publishers' streams. Single-threaded.
 */
public final class LossCounter {
  private final SequenceCounter counter = new SequenceCounter();

  /** Records a received packet's 16-bit sequence number. */
  public void update(int sequenceNumber) {
    counter.update(sequenceNumber);
  }

  /**
   * Fraction of the packets expected since the first one that did not arrive (0 to 1; 1 if none).
   */
  public double lossFraction() {
    return counter.lossFraction();
  }
}
