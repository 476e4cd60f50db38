package upcast.sfu.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import upcast.sfu.dtls.DtlsCertificate;
import upcast.sfu.dtls.DtlsSrtpKeys;
import upcast.sfu.dtls.DtlsSrtpServer;
import upcast.sfu.dtls.QueueDatagramTransport;
import upcast.sfu.ice.Stun;
import upcast.sfu.srtp.SrtpSession;

/** The client surface against the SFU's own server side, in memory. */
class ClientSurfaceTest {

  @Test
  void everyProfileTheSfuNegotiatesCanBeOffered() {
    assertEquals(upcast.sfu.srtp.SrtpProfile.values().length, SrtpProfile.values().length);
    for (SrtpProfile p : SrtpProfile.values()) {
      assertEquals(p.name(), p.internal().name());
      assertEquals(p.internal().keyLength, p.keyLength());
      assertEquals(p.internal().saltLength, p.saltLength());
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void dtlsHandshakeKeysSrtpAndCarriesApplicationData(SrtpProfile profile) throws Exception {
    DtlsCertificate serverCertificate = DtlsCertificate.generate();
    ClientCertificate clientCertificate = ClientCertificate.generate();
    QueueDatagramTransport[] server = new QueueDatagramTransport[1];
    DtlsClient client =
        new DtlsClient(
            clientCertificate,
            profile,
            serverCertificate.fingerprint(),
            (b, off, len) -> server[0].offer(Arrays.copyOfRange(b, off, off + len)));
    server[0] =
        new QueueDatagramTransport(
            (b, off, len) -> client.offer(Arrays.copyOfRange(b, off, off + len)));
    DtlsSrtpServer.Holder<DTLSTransport> serverDtls = new DtlsSrtpServer.Holder<>();
    CompletableFuture<DtlsSrtpKeys> accepted =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new DtlsSrtpServer(
                        serverCertificate, "sha-256", clientCertificate.fingerprint())
                    .accept(server[0], serverDtls);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Srtp srtp = client.handshake();
    DtlsSrtpKeys keys = accepted.get(10, TimeUnit.SECONDS);
    assertEquals(profile.internal(), keys.profile());
    SrtpSession serverSrtp = keys.newSession();

    byte[] rtp = new byte[64];
    rtp[0] = (byte) 0x80;
    rtp[1] = 96;
    rtp[11] = 7;
    byte[] buf = Arrays.copyOf(rtp, 100);
    int n = srtp.protectRtp(buf, 0, 40);
    assertEquals(40, serverSrtp.unprotectRtp(buf, 0, n));
    assertArrayEquals(Arrays.copyOf(rtp, 40), Arrays.copyOf(buf, 40));
    n = serverSrtp.protectRtp(buf, 0, 40);
    assertEquals(40, srtp.unprotectRtp(buf, 0, n));

    client.send("sctp".getBytes(UTF_8), 0, 4);
    byte[] got = new byte[100];
    DTLSTransport serverTransport =
        Objects.requireNonNull(serverDtls.value, "server handshake done");
    assertEquals(4, serverTransport.receive(got, 0, got.length, 5000));
    serverTransport.send("back".getBytes(UTF_8), 0, 4);
    assertEquals(4, client.receive(got, 0, got.length, 5000));
    assertEquals("back", new String(got, 0, 4, UTF_8));
    srtp.close();
    serverSrtp.close();
    client.close();
    server[0].close();
  }

  @Test
  void checksAreSignedAndAnsweredAsIceExpects() {
    byte[] serverKey = "server-password-24-chars".getBytes(UTF_8);
    byte[] check = IceCheck.to("srv1", "cli1").controlling(42).nominate().sign(serverKey);
    assertTrue(Stun.looksLikeStun(check, 0, check.length));
    assertEquals(Stun.BINDING_REQUEST, Stun.type(check, 0));
    assertEquals("srv1:cli1", Stun.username(check, 0, check.length));
    assertTrue(Stun.verifyIntegrity(check, 0, check.length, serverKey));
    assertTrue(Stun.verifyFingerprint(check, 0, check.length));
    assertTrue(Stun.find(check, 0, check.length, Stun.ATTR_ICE_CONTROLLING) >= 0);
    assertTrue(IceCheck.nominates(check, 0, check.length));
    assertTrue(Stun.find(check, 0, check.length, Stun.ATTR_PRIORITY) >= 0);

    byte[] unsigned = IceCheck.withUsername("a:b").withoutIntegrity();
    assertFalse(Stun.verifyIntegrity(unsigned, 0, unsigned.length, serverKey));
    assertTrue(Stun.verifyFingerprint(unsigned, 0, unsigned.length));
    assertFalse(IceCheck.nominates(unsigned, 0, unsigned.length));

    // As an ICE-lite client: the server checks us with our ufrag first, keyed with our password.
    byte[] ourKey = "client-password-24-chars".getBytes(UTF_8);
    assertTrue(IceCheck.isCheckOf(check, 0, check.length, "srv1", serverKey));
    assertFalse(IceCheck.isCheckOf(check, 0, check.length, "cli1", serverKey));
    assertFalse(IceCheck.isCheckOf(check, 0, check.length, "srv1", ourKey));
    InetSocketAddress from = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    byte[] response = IceCheck.success(check, 0, from, serverKey);
    assertTrue(IceCheck.isSuccess(response, 0, response.length, serverKey));
    assertFalse(IceCheck.isSuccess(response, 0, response.length, ourKey));
    assertEquals(from, Stun.xorMappedAddress(response, 0, response.length));
    assertArrayEquals(
        Arrays.copyOfRange(check, 8, 20), Arrays.copyOfRange(response, 8, 20), "transaction id");

    byte[] error = new Stun.Writer(Stun.BINDING_ERROR, check, 8).errorCode(401, "no").build();
    assertEquals(401, IceCheck.errorCode(error, 0, error.length));
    assertEquals(-1, IceCheck.errorCode(response, 0, response.length));
  }

  @Test
  void credentialsAreFreshIceChars() {
    String ufrag = IceCheck.newCredential(8);
    assertTrue(ufrag.matches("[A-Za-z0-9]{8}"), ufrag);
    assertTrue(IceCheck.newCredential(24).matches("[A-Za-z0-9]{24}"));
    assertFalse(ufrag.equals(IceCheck.newCredential(8)));
  }

  @Test
  void lossCounterCountsGaps() {
    LossCounter c = new LossCounter();
    for (int seq : new int[] {65534, 65535, 1, 2}) {
      c.update(seq);
    }
    assertEquals(0.2, c.lossFraction(), 1e-9);
  }
}
