package upcast.sfu.api;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;

/**
 * How to start an {@link Sfu}.
 *
 * @param bindAddress address the UDP socket binds to ({@code 0.0.0.0} = all interfaces)
 * @param mediaPort UDP port for every peer (0 = any free port, for tests)
 * @param advertisedAddresses addresses written into ICE host candidates; empty = this host's
 *     non-loopback addresses, or loopback if it has none
 * @param clock time source for every timer (consent expiry, keyframe throttling), injectable for
 *     tests
 */
public record SfuConfig(
    InetAddress bindAddress, int mediaPort, List<InetAddress> advertisedAddresses, Clock clock) {

  public SfuConfig {
    advertisedAddresses = List.copyOf(advertisedAddresses);
  }
}
