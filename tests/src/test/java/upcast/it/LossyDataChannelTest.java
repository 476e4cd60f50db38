package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import upcast.sfu.SfuServer;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SfuConfig;
import upcast.sfu.client.SctpClient;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Data channels through the real SFU over a lossy path: a peer's SCTP (ours, as a separate instance
 * playing the browser) talks to the SFU's across a UDP relay that drops 10 %, duplicates and
 * reorders. Every message arrives exactly once and in order, both ways, and a 16 KiB message
 * survives fragmentation.
 */
class LossyDataChannelTest {

  @Test
  void textArrivesExactlyOnceAndInOrderDespiteLoss() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    ScheduledExecutorService sctpThread = Executors.newSingleThreadScheduledExecutor();
    try (SfuServer sfu = SfuServer.start(new SfuConfig(lo, 0, List.of(lo), Clock.systemUTC()));
        TestPeer pub = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        LossyProxy proxy =
            new LossyProxy(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), sfu.mediaPort()),
                42,
                200_000)) {
      pub.connect(
          AnswerInfo.parse(
              sfu.publish("lossy", SdpOffers.publisher(pub, 1, 2), PeerListener.NONE).answerSdp()));

      List<String> atSfu = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<String> openAtSfu = new CompletableFuture<>();
      PeerSession session =
          sfu.view(
              "lossy",
              SdpOffers.viewerWithDataChannel(peer),
              new PeerListener() {
                @Override
                public void onDataChannelText(String label, String text) {
                  atSfu.add(text);
                }

                @Override
                public void onDataChannelOpen(String label) {
                  openAtSfu.complete(label);
                }
              });
      AnswerInfo direct = AnswerInfo.parse(session.answerSdp());
      peer.connect(
          new AnswerInfo(
              proxy.address(), direct.iceUfrag(), direct.icePassword(), direct.fingerprint()));

      List<String> atPeer = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<SctpClient.Channel> open = new CompletableFuture<>();
      SctpClient[] sctp = new SctpClient[1];
      sctpThread
          .submit(
              () -> {
                sctp[0] =
                    new SctpClient(
                        (b, off, len) -> {
                          try {
                            peer.sendDtlsApplicationData(
                                java.util.Arrays.copyOfRange(b, off, off + len));
                          } catch (IOException e) {
                            // lost like any datagram; SCTP retransmits
                          }
                        },
                        sctpThread,
                        new SctpClient.Listener() {
                          @Override
                          public void onOpen(SctpClient.Channel channel) {
                            open.complete(channel);
                          }

                          @Override
                          public void onText(SctpClient.Channel channel, String text) {
                            atPeer.add(text);
                          }
                        });
                peer.onApplicationData(
                    data -> sctpThread.execute(() -> sctp[0].handlePacket(data, 0, data.length)));
                sctp[0].connect();
                sctp[0].openChannel("chat");
              })
          .get(5, TimeUnit.SECONDS);
      SctpClient.Channel chat = open.get(10, TimeUnit.SECONDS);
      // The opener may use a channel before its DCEP OPEN reaches the other side (RFC 8832 §6);
      // the SFU can only send on it once it has.
      openAtSfu.get(10, TimeUnit.SECONDS);

      proxy.impair();
      String big = "x".repeat(16 * 1024);
      sctpThread
          .submit(
              () -> {
                for (int i = 0; i < 200; i++) {
                  chat.sendText("m-" + i);
                }
                chat.sendText(big);
              })
          .get(5, TimeUnit.SECONDS);
      for (int i = 0; i < 100; i++) {
        session.sendText("chat", "s-" + i);
      }

      long deadline = System.nanoTime() + 30_000_000_000L;
      while ((atSfu.size() < 201 || atPeer.size() < 100) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      List<String> expectedAtSfu = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        expectedAtSfu.add("m-" + i);
      }
      expectedAtSfu.add(big);
      assertEquals(expectedAtSfu, atSfu, "peer → SFU: exactly once, in order");
      List<String> expectedAtPeer = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        expectedAtPeer.add("s-" + i);
      }
      assertEquals(expectedAtPeer, atPeer, "SFU → peer: exactly once, in order");
      assertTrue(sfu.stats().counter("sctp_chunks_retransmitted") > 0, "loss was really repaired");
    } finally {
      sctpThread.shutdownNow();
    }
  }
}
