package dev.poolform.runtime.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.state.StateException;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.testing.fixtures.Pools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAndDigestsTest {
  static final StateKey A = StateKey.parse(SecretsInStateTest.KEY_A);
  static final StateKey B = StateKey.parse(SecretsInStateTest.KEY_B);

  @Test
  void aDigestNamesItsKeyAndDependsOnIt() {
    String d = Digests.of(A, "pw");
    assertThat(d).matches("hmac-sha256:[0-9a-f]{16}:[0-9a-f]{64}").contains(A.id());
    assertThat(SecretValue.isShown(d)).isTrue();
    assertThat(Digests.of(A, "pw")).isEqualTo(d);
    assertThat(Digests.of(B, "pw")).isNotEqualTo(d);
    assertThat(Digests.keyId(d)).contains(A.id());
    assertThat(A.id()).isNotEqualTo(B.id());
    // The key's text shows nowhere but in its own file.
    assertThat(A.toString()).doesNotContain(A.text());
  }

  @Test
  void checksUnderTheDigestsOwnKeyOrSaysWhichIsMissing() {
    KeyRing both = new KeyRing(List.of(B, A), "test");
    String underA = Digests.of(A, "pw");
    assertThat(Digests.check(underA, "pw", Optional.of(both)))
        .isInstanceOf(Digests.Check.Same.class);
    assertThat(Digests.check(underA, "other", Optional.of(both)))
        .isInstanceOf(Digests.Check.Changed.class);
    assertThat(Digests.check(underA, "pw", Optional.of(new KeyRing(List.of(B), "test"))))
        .isEqualTo(new Digests.Check.KeyMissing(A.id()));
    assertThat(Digests.check(underA, "pw", Optional.empty()))
        .isEqualTo(new Digests.Check.KeyMissing(A.id()));
    String legacy = "sha256:" + SecretValue.sha256Hex("pw");
    assertThat(Digests.check(legacy, "pw", Optional.empty()))
        .isInstanceOf(Digests.Check.Same.class);
    assertThat(Digests.check(legacy, "x", Optional.empty()))
        .isInstanceOf(Digests.Check.Changed.class);
    assertThat(Digests.check("(sensitive)", "pw", Optional.empty()))
        .isInstanceOf(Digests.Check.NotADigest.class);
  }

  @Test
  void keysAreParsedStrictlyAndNeverQuoted() {
    assertThat(StateKey.parse(A.text())).isEqualTo(A);
    String urlSafe =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Base64.getDecoder().decode(A.text()));
    assertThat(StateKey.parse(urlSafe).id()).isEqualTo(A.id());
    String shortKey =
        Base64.getEncoder().encodeToString("short passphrase".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> StateKey.parse(shortKey))
        .hasMessageContaining("16 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> StateKey.parse("not base64 at all!"))
        .hasMessage("a key is not base64 text");
    Optional<KeyRing> r =
        KeyRing.parse("# comment\n" + B.text() + "  # id\n\n" + A.text() + "," + B.text(), "o");
    assertThat(r.orElseThrow().keys()).containsExactly(B, A);
    assertThat(KeyRing.parse("# only a comment\n", "o")).isEmpty();
    assertThat(KeyRing.parse(r.get().text(), "o")).contains(r.get());
  }

  @Test
  void theEnvironmentWinsAndCannotBeRotatedByPoolform(@TempDir Path home) throws Exception {
    KeySource env = KeySources.standard(Map.of(KeySources.ENV, A.text(), "HOME", home.toString()));
    assertThat(env.where()).isEqualTo("POOLFORM_STATE_KEY");
    assertThat(env.ring().orElseThrow().current()).isEqualTo(A);
    assertThatThrownBy(env::rotate).hasMessageContaining("put it first in POOLFORM_STATE_KEY");
    assertThatThrownBy(() -> KeySources.standard(Map.of(KeySources.ENV, "  ")).ring())
        .isInstanceOfSatisfying(
            StateException.class, e -> assertThat(e.kind()).isEqualTo(StateException.Kind.KEY))
        .hasMessageContaining("holds no key");
    assertThatThrownBy(() -> KeySources.standard(Map.of()).create())
        .hasMessageContaining("set POOLFORM_STATE_KEY, or HOME");
  }

  @Test
  void theKeyFileIsMadeOnceRotatedInPlaceAndCheckedWhenRead(@TempDir Path home) throws Exception {
    KeySource file = KeySources.standard(Map.of("XDG_CONFIG_HOME", home.toString()));
    Path path = home.resolve("poolform/state.keys");
    assertThat(file.where()).isEqualTo(path.toString());
    assertThat(file.ring()).isEmpty();
    KeyRing made = file.create();
    assertThat(file.ring()).as("made, not kept yet").isEmpty();
    file.keep(made);
    assertThat(file.ring()).contains(new KeyRing(made.keys(), path.toString()));
    KeyRing rotated = file.rotate();
    assertThat(rotated.keys()).hasSize(2).endsWith(made.current());
    assertThat(file.ring().orElseThrow().current()).isEqualTo(rotated.current());
    Files.writeString(path, "garbage!\n");
    assertThatThrownBy(file::ring)
        .hasMessageContaining("is not usable: a key is not base64 text")
        .hasMessageNotContaining("garbage");
  }

  @Test
  void theRedactorHidesSecretValuesInCloudMessages() {
    String script = "#!/bin/sh\necho s3cr3t-token\n";
    Redactor r =
        Redactor.of(
            Pools.config(Pools.pool("web").userData(script).build(), Pools.pool("db").build()));
    String b64 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
    assertThat(r.redact("bad user data: " + b64)).isEqualTo("bad user data: (sensitive)");
    assertThat(r.redact("UserData " + script + " rejected"))
        .isEqualTo("UserData (sensitive) rejected");
    Problem p = r.redact(Problem.of("pool.web", "invalid: " + script));
    assertThat(p.message()).isEqualTo("invalid: (sensitive)");
    List<ApplyEvent> seen = new ArrayList<>();
    r.guard(seen::add)
        .on(new ApplyEvent.PoolFailed(Instant.EPOCH, "pool.web", "create", b64, Optional.empty()));
    assertThat(((ApplyEvent.PoolFailed) seen.get(0)).message()).isEqualTo("(sensitive)");
    assertThat(Redactor.of(Pools.config(Pools.pool("db").build())).redact(script))
        .isEqualTo(script);
  }
}
