package upcast.signaling;

/** {@code java -jar upcast.jar}: starts Upcast with the settings from the environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    UpcastConfig config;
    try {
      config = UpcastConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("upcast: " + e.getMessage());
      System.exit(2);
      return;
    }
    UpcastServer server = UpcastServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "upcast-shutdown"));
  }
}
