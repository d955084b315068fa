package dev.poolform.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The tool's version, from {@code version.properties} that Maven filters at build time (so it is
 * right in the jar and in tests alike).
 */
public final class VersionInfo implements IVersionProvider {
  /** Read once: picocli asks for the version of every command it builds. */
  private static final class Read {
    static final String VERSION = read();
  }

  public static String version() {
    return Read.VERSION;
  }

  private static String read() {
    try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** {@code poolform 0.1.0 (Java 17.0.15)}. */
  public static String line() {
    return "poolform " + version() + " (Java " + System.getProperty("java.version") + ")";
  }

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }
}
