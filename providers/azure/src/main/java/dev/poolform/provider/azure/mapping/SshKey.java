package dev.poolform.provider.azure.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/**
 * A throw-away {@code ssh-ed25519} public key. A Linux scale set must name an SSH key or a
 * password, and the language has neither (machines are reached through what {@code user_data}
 * installs), so each session generates a key pair and forgets the private half: nobody can log in
 * with it, and no secret reaches the state file.
 */
public final class SshKey {
  private SshKey() {}

  public static String generate() {
    try {
      byte[] x509 =
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writeString(out, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
      writeString(out, raw);
      return "ssh-ed25519 " + Base64.getEncoder().encodeToString(out.toByteArray()) + " poolform";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
    }
  }

  private static void writeString(ByteArrayOutputStream out, byte[] b) {
    out.write(b.length >>> 24);
    out.write(b.length >>> 16);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.writeBytes(b);
  }
}
