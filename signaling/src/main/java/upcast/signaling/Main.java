package upcast.signaling;

import upcast.signaling.delivery.DeliveryConfig;

/**
 * {@code java -jar upcast.jar}: starts Upcast with the settings from the environment (README
 * "Settings"). Exit code 2 means a bad setting, 1 that the server could not start (e.g. a port in
 * use); SIGTERM and Ctrl-C stop it cleanly through a shutdown hook.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Link-preview cards are drawn with Java2D; a server has no display.
    System.setProperty("java.awt.headless", "true");
    UpcastConfig config;
    DeliveryConfig delivery;
    try {
      config = UpcastConfig.fromEnv();
      delivery = DeliveryConfig.fromEnv();
    } catch (IllegalArgumentException e) {
      System.err.println("upcast: " + e.getMessage());
      System.exit(2);
      return;
    }
    UpcastServer server;
    try {
      server = UpcastServer.start(config, delivery);
    } catch (IllegalStateException e) {
      System.err.println("upcast: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "upcast-shutdown"));
    System.out.println("Upcast is running. Open " + server.openUri() + " in a browser.");
  }
}
