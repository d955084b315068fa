package dev.poolform.testing.arm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate for {@code 127.0.0.1}, made with the JDK's own {@code keytool}, so the
 * emulator can serve https: what the SDK's bearer-token policy and the identity client require. A
 * client JVM trusts it with {@code -Djavax.net.ssl.trustStore=<keystore>} (a PKCS12 store's key
 * entry certificate is trusted as is).
 */
public record SelfSignedTls(Path keystore, String password) {
  public static SelfSignedTls create(Path dir) throws IOException, InterruptedException {
    Path ks = dir.resolve("emulator.p12");
    String password = "emulator-pass";
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "arm",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    ks.toString(),
                    "-storepass",
                    password,
                    "-keypass",
                    password))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("keytool failed: " + out);
    return new SelfSignedTls(ks, password);
  }

  public SSLContext sslContext() throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, password.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** The JVM options that make a client trust this certificate. */
  public List<String> trustOptions() {
    return List.of(
        "-Djavax.net.ssl.trustStore=" + keystore,
        "-Djavax.net.ssl.trustStorePassword=" + password,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }
}
