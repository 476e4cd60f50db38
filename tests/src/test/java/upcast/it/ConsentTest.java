package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import upcast.sfu.SfuServer;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SfuConfig;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * RFC 7675 consent freshness: a publisher that stops answering is freed, which ends its broadcast.
 * The 30 s production timeout is shortened to 1.5 s through the system property the SFU reads at
 * start.
 */
class ConsentTest {

  @Test
  void aVanishedPublisherIsFreedAndItsBroadcastEnds() throws Exception {
    System.setProperty("upcast.consentTimeoutMs", "1500");
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (SfuServer sfu = SfuServer.start(new SfuConfig(lo, 0, List.of(lo), Clock.systemUTC()));
        TestPeer pub = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer viewer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      System.clearProperty("upcast.consentTimeoutMs");
      CompletableFuture<String> publisherGone = new CompletableFuture<>();
      CompletableFuture<String> viewerGone = new CompletableFuture<>();
      PeerSession p =
          sfu.publish(
              "c1",
              SdpOffers.publisher(pub, 1, 2),
              new PeerListener() {
                @Override
                public void onClosed(String reason) {
                  publisherGone.complete(reason);
                }
              });
      pub.connect(AnswerInfo.parse(p.answerSdp()));
      PeerSession v =
          sfu.view(
              "c1",
              SdpOffers.viewer(viewer),
              new PeerListener() {
                @Override
                public void onClosed(String reason) {
                  viewerGone.complete(reason);
                }
              });
      viewer.consentInterval(Duration.ofMillis(300)); // the viewer stays; only the publisher goes
      viewer.connect(AnswerInfo.parse(v.answerSdp()));
      pub.stopConsent();
      assertEquals("consent expired", publisherGone.get(6, TimeUnit.SECONDS));
      // Nobody ends the broadcast here (signaling would, after telling viewers' chat): the SFU
      // closes the viewers itself after its 3 s grace.
      assertFalse(viewerGone.isDone(), "viewers stay for the goodbye on their chat channel");
      assertEquals("broadcast ended", viewerGone.get(6, TimeUnit.SECONDS));
      assertFalse(pub.checkSucceeds(Duration.ofMillis(500)), "the SFU forgot the publisher");
      assertTrue(sfu.stats().counter("ice_consent_expired") >= 1);
    } finally {
      System.clearProperty("upcast.consentTimeoutMs");
    }
  }
}
