package dev.poolform.capi.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.render.TextRenderer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A secret never reaches a Cluster API manifest or a warning about one: user data, the only place a
 * secret may go, is dropped (the bootstrap provider writes it), and the compiler refuses secrets
 * everywhere else (E0310).
 */
class SecretsInManifestsTest {
  static final String SECRET = "hunter2-token";

  @Test
  void userDataIsDroppedAndTheSecretAppearsNowhere() {
    String source =
        """
        cloud aws prod { region = "eu-west-1" }
        cloud azure az { subscription = "00000000-0000-0000-0000-000000000000"  resource_group = "rg"  location = "westeurope" }
        let token = secret(env("TOKEN"))
        pool "web" on prod {
          capacity { min = 1  max = 3 }
          machine  { size = "m6i.large"  image = "ami-12345678"  zones = ["eu-west-1a"]
                     user_data = "#cloud-config\\ntoken: ${token}\\n" }
          capi     { cluster = "web"  version = "v1.31.2" }
        }
        pool "api" on az {
          capacity { min = 1  max = 3 }
          machine  { size = "Standard_D2s_v5"  image = "Canonical:ubuntu-24_04-lts:server:latest"
                     user_data = token }
          capi     { cluster = "api"  version = "v1.31.2" }
        }
        """;
    Compilation c = Compiler.compileSource("main.pool", source, Map.of("TOKEN", SECRET));
    assertThat(c.hasErrors()).as(c.diagnostics().toString()).isFalse();
    CapiResult r = CapiEmitter.emit(c.ir().orElseThrow());
    assertThat(r.hasErrors()).as(TextRenderer.plain().render(r.diagnostics())).isFalse();
    assertThat(r.joined()).isNotBlank().doesNotContain(SECRET).doesNotContain("token:");
    assertThat(TextRenderer.plain().render(r.diagnostics()))
        .contains("`machine.user_data` is dropped")
        .doesNotContain(SECRET);
  }
}
