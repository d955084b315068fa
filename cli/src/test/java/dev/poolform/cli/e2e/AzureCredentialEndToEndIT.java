package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.testing.arm.ArmEmulator;
import dev.poolform.testing.arm.SelfSignedTls;
import dev.poolform.testing.arm.TokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production credential path, not the emulator mode: {@code pool apply} as a child JVM with a
 * service principal in its environment ({@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, {@code
 * AZURE_CLIENT_SECRET}) and {@code AZURE_AUTHORITY_HOST} pointing at the emulator's token endpoint.
 * {@code DefaultAzureCredential} (its EnvironmentCredential, through MSAL) must fetch a token there
 * over https with the client-credentials grant and the Resource Manager scope, and the SDK must
 * send it to the emulator's https Resource Manager endpoint, which accepts only that token. No
 * {@code POOLFORM_AZURE_TEST_TOKEN}: nothing of the emulator mode is involved. The child trusts the
 * emulator's throw-away certificate through {@code javax.net.ssl.trustStore}.
 */
class AzureCredentialEndToEndIT {
  static final String TENANT = "11111111-2222-3333-4444-555555555555";
  static final String CLIENT = "66666666-7777-8888-9999-000000000000";
  static final String SECRET = "s3cr3t~value";
  static final String ISSUED = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.issued-by-the-emulator";
  @TempDir Path dir;

  static String config(ArmEmulator arm) {
    return "cloud azure az {\n  subscription = \"00000000-0000-0000-0000-0000000000dd\"\n"
        + "  resource_group = \"rg-cred\"\n  location = \"westeurope\"\n  endpoint = \""
        + arm.endpoint()
        + "\"\n}\n"
        + "pool \"web\" on az {\n  capacity { min = 0  max = 2  desired = 1 }\n"
        + "  machine  { size = \"Standard_B1s\"  image = \"Canonical:ubuntu-24_04-lts:server:latest\"\n"
        + "    subnet = \""
        + AzureEmulated.SUBNET
        + "\" }\n}\n";
  }

  @Test
  void aServicePrincipalFromTheEnvironmentGetsItsTokenFromTheAuthorityHost() throws Exception {
    SelfSignedTls tls = SelfSignedTls.create(dir);
    TokenIssuer issuer = new TokenIssuer(TENANT, CLIENT, SECRET, ISSUED);
    try (ArmEmulator arm = ArmEmulator.startTls(ISSUED, tls.sslContext(), issuer)) {
      arm.bootMillis = 30;
      // Outside the emulator mode the SDK polls as ARM says (Retry-After), else every 30 s.
      arm.pollRetryAfterSeconds = 1;
      Workspace ws = new Workspace(Files.createDirectories(dir.resolve("config")));
      ws.write("main.pool", config(arm));
      ws.env.putAll(
          Map.of(
              "AZURE_TENANT_ID",
              TENANT,
              "AZURE_CLIENT_ID",
              CLIENT,
              "AZURE_CLIENT_SECRET",
              SECRET,
              "AZURE_AUTHORITY_HOST",
              arm.endpoint(),
              "POOLFORM_POLL_INTERVAL",
              "50ms"));

      Path out = dir.resolve("apply.txt");
      Process apply =
          AzureEmulated.child(ws, tls.trustOptions(), out, "apply", "--auto-approve", "main.pool");
      assertThat(apply.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(apply.exitValue()).as(Files.readString(out)).isZero();
      assertThat(arm.scaleSetNames()).containsExactly("web");
      // The scope is the one the SDK's bearer policy asks for: resource id + "/.default", as
      // ARM's "https://management.core.windows.net//.default" (MSAL adds the OpenID scopes).
      assertThat(issuer.requests)
          .isNotEmpty()
          .allSatisfy(
              form -> {
                assertThat(form)
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_id", CLIENT)
                    .containsEntry("client_secret", SECRET);
                assertThat(form.get("scope").split(" ")).contains(arm.endpoint() + "/.default");
              });

      // A wrong secret: the token endpoint's refusal is a configuration error before any ARM call.
      int armRequests = arm.counts().values().stream().mapToInt(Integer::intValue).sum();
      int tokenRequests = issuer.requests.size();
      ws.env.put("AZURE_CLIENT_SECRET", "wrong");
      Path refused = dir.resolve("refused.txt");
      Process plan = AzureEmulated.child(ws, tls.trustOptions(), refused, "plan", "main.pool");
      assertThat(plan.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String text = Files.readString(refused);
      assertThat(plan.exitValue()).as(text).isNotZero();
      assertThat(text)
          .contains("error[E0602]: Cannot read cloud azure.az: No Azure credential for cloud")
          // Located at the cloud block's name: `cloud azure az {`.
          .contains(" --> main.pool:1:13")
          .doesNotContain("inner exception")
          .doesNotContain("\tat ");
      assertThat(issuer.requests.size()).isGreaterThan(tokenRequests);
      // The token endpoint shares the counters: only its own requests were added.
      assertThat(arm.counts().values().stream().mapToInt(Integer::intValue).sum() - armRequests)
          .isEqualTo(issuer.requests.size() - tokenRequests);
    }
  }
}
