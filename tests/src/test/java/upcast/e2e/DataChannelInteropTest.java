package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import upcast.sfu.SfuServer;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SfuConfig;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Our own SCTP (RFC 9260) and DCEP (RFC 8832) against Chromium's: a viewer page opens a {@code
 * chat} data channel to the SFU alongside its media; text flows both ways through the SFU's peer
 * API.
 */
@BrowserTest
class DataChannelInteropTest {

  @Test
  @SuppressWarnings("unchecked")
  void chromiumOpensADataChannelAndTextFlowsBothWays() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (SfuServer sfu = SfuServer.start(new SfuConfig(lo, 0, List.of(lo), Clock.systemUTC()));
        TestPeer publisher = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        Browsers browsers = new Browsers()) {
      PeerSession pub = sfu.publish("dc1", SdpOffers.publisher(publisher, 1, 2), PeerListener.NONE);
      publisher.connect(AnswerInfo.parse(pub.answerSdp()));

      WebDriver driver = browsers.open();
      driver.get("about:blank");
      JavascriptExecutor page = (JavascriptExecutor) driver;
      String offer =
          (String)
              page.executeAsyncScript(
                  "const done = arguments[0];"
                      + "(async () => {"
                      + "  const pc = new RTCPeerConnection();"
                      + "  pc.addTransceiver('audio', {direction: 'recvonly'});"
                      + "  pc.addTransceiver('video', {direction: 'recvonly'});"
                      + "  const dc = pc.createDataChannel('chat');"
                      + "  window.received = [];"
                      + "  window.opened = new Promise(r => dc.onopen = r);"
                      + "  dc.onmessage = e => window.received.push(e.data);"
                      + "  window.pc = pc; window.dc = dc;"
                      + "  await pc.setLocalDescription(await pc.createOffer());"
                      + "  done(pc.localDescription.sdp);"
                      + "})().catch(e => done('error ' + e));");
      assertNotNull(offer);
      assertTrue(offer.contains("m=application"), offer);

      LinkedBlockingQueue<String> fromBrowser = new LinkedBlockingQueue<>();
      PeerSession viewer =
          sfu.view(
              "dc1",
              offer,
              new PeerListener() {
                @Override
                public void onDataChannelText(String label, String text) {
                  fromBrowser.add(label + ":" + text);
                }
              });
      assertTrue(viewer.answerSdp().contains("a=sctp-port:5000"), viewer.answerSdp());
      Object opened =
          page.executeAsyncScript(
              "const [answer, done] = arguments;"
                  + "(async () => {"
                  + "  await window.pc.setRemoteDescription({type: 'answer', sdp: answer});"
                  + "  const timeout = new Promise(r => setTimeout(() => r('timeout'), 15000));"
                  + "  done(await Promise.race([window.opened.then(() => 'open'), timeout]));"
                  + "})().catch(e => done('error ' + e));",
              viewer.answerSdp());
      assertEquals("open", opened, "Chromium's data channel opened against our SCTP");

      page.executeScript("window.dc.send('hello from chromium');");
      assertEquals("chat:hello from chromium", fromBrowser.poll(10, TimeUnit.SECONDS));

      viewer.sendText("chat", "hello from upcast");
      Object received =
          page.executeAsyncScript(
              "const done = arguments[0];"
                  + "const t0 = Date.now();"
                  + "(function poll() {"
                  + "  if (window.received.length || Date.now() - t0 > 10000) {"
                  + "    done(window.received);"
                  + "  } else { setTimeout(poll, 50); }"
                  + "})();");
      assertEquals(List.of("hello from upcast"), received);
    }
  }
}
