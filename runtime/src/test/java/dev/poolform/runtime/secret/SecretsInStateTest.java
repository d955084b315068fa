package dev.poolform.runtime.secret;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Rekeyed;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.event.JsonLinesEventWriter;
import dev.poolform.runtime.json.Hashes;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFile;
import dev.poolform.runtime.plan.PlanJson;
import dev.poolform.runtime.state.StateCodec;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.testing.Harness;
import dev.poolform.stdlib.value.SecretValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets through a whole plan and apply: what state, plans, events and cloud tags carry, how keys
 * are found, made and rotated, and how states written before keyed digests upgrade.
 */
class SecretsInStateTest {
  static final String SECRET = "#cloud-config\npassword: hunter2\n";
  static final String KEY_A = Harness.KEY;
  static final String KEY_B = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
  static final String ID_A = StateKey.parse(KEY_A).id();
  static final String ID_B = StateKey.parse(KEY_B).id();

  @TempDir Path dir;

  static IrConfig withSecret(String secret) {
    return config(pool("web").userData(secret).build());
  }

  JsonNode stateJson() throws Exception {
    return CanonicalJson.parse(Files.readAllBytes(dir.resolve("pool.state.json")));
  }

  String userDataDigest() throws Exception {
    return stateJson().at("/resources/pool.web/spec/machine/user_data").asText();
  }

  /** Nothing anyone can read lets them recover the secret or test a guess offline. */
  @Test
  void stateDiskPlansEventsAndTagsHoldOnlyAKeyedDigest() throws Exception {
    Harness h = new Harness(dir);
    Path events = dir.resolve("events.jsonl");
    try (JsonLinesEventWriter w = JsonLinesEventWriter.open(events)) {
      h.workspace.apply(withSecret(SECRET), h.options, h.listener().and(w));
    }
    Plan changed = h.plan(withSecret(SECRET + "# changed\n"));
    Path planFile = dir.resolve("plan.json");
    PlanFile.write(changed, planFile);

    List<String> everything =
        List.of(
            Files.readString(dir.resolve("pool.state.json")),
            Files.readString(events),
            PlanJson.write(changed),
            Files.readString(planFile),
            h.cloud.group("web").tags.toString(),
            h.cloud.group("web").specHash);
    String plainHash = SecretValue.sha256Hex(SECRET);
    String base64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    for (String text : everything) {
      assertThat(text).doesNotContain("hunter2").doesNotContain(plainHash).doesNotContain(base64);
    }
    assertThat(userDataDigest()).matches("hmac-sha256:" + ID_A + ":[0-9a-f]{64}");
    // The machine hash in the cloud's tags is not the unkeyed one either.
    JsonNode machine = stateJson().at("/resources/pool.web/spec/machine").deepCopy();
    ((ObjectNode) machine).put("user_data", "sha256:" + plainHash);
    assertThat(h.cloud.group("web").specHash).isNotEqualTo(Hashes.of(machine));
  }

  /**
   * A deployment made by a Poolform before format 3: the state keeps a plain SHA-256, and every
   * machine carries the spec hash computed over it. Upgrading rolls nothing out, says what is still
   * unkeyed, and the digest becomes keyed when the secret changes.
   */
  @Test
  void aFormatTwoStateUpgradesWithoutARollout() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(withSecret(SECRET));
    String legacyHash = makeLegacy(h);

    PlanResult r = h.workspace.plan(withSecret(SECRET));
    assertThat(r.ok()).isTrue();
    assertThat(Workspace.effective(r.plan().get())).isEmpty();
    assertThat(r.notices())
        .singleElement()
        .asString()
        .contains("unkeyed SHA-256")
        .contains("pool.web machine.user_data");
    h.applyOk(withSecret(SECRET));
    assertThat(h.cloud.group("web").specHash).isEqualTo(legacyHash);
    assertThat(h.cloud.group("web").machines).allMatch(m -> m.specHash.equals(legacyHash));

    h.applyOk(withSecret("a new secret"));
    assertThat(stateJson().path("format_version").asInt()).isEqualTo(StateCodec.FORMAT_VERSION);
    assertThat(userDataDigest()).startsWith("hmac-sha256:" + ID_A + ":");
    assertThat(h.cloud.group("web").machines).noneMatch(m -> m.specHash.equals(legacyHash));
    assertThat(h.workspace.plan(withSecret("a new secret")).notices()).isEmpty();
  }

  /** Rewrites the applied state and cloud as the previous format had them; returns the hash. */
  private String makeLegacy(Harness h) throws Exception {
    ObjectNode doc = (ObjectNode) stateJson();
    doc.put("format_version", 2);
    ObjectNode web = (ObjectNode) doc.at("/resources/pool.web");
    ObjectNode machine = (ObjectNode) web.at("/spec/machine");
    machine.put("user_data", "sha256:" + SecretValue.sha256Hex(SECRET));
    String hash = Hashes.of(CanonicalJson.normalize(machine));
    web.put("spec_hash", hash);
    ((ObjectNode) web.get("observed")).put("spec_hash", hash);
    Files.write(dir.resolve("pool.state.json"), CanonicalJson.bytes(doc));
    h.cloud.group("web").rehash(hash);
    return hash;
  }

  /** A new key first, the old one after it: nothing changes until a secret does. */
  @Test
  void aRotatedKeyRollsNothingOut() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(withSecret(SECRET));
    String before = userDataDigest();

    Harness rotated = h.reopen(Map.of(KeySources.ENV, KEY_B + "," + KEY_A));
    assertThat(Workspace.effective(rotated.plan(withSecret(SECRET)))).isEmpty();
    rotated.applyOk(withSecret(SECRET));
    assertThat(userDataDigest()).isEqualTo(before);

    rotated.applyOk(withSecret("rotated too"));
    assertThat(userDataDigest()).startsWith("hmac-sha256:" + ID_B + ":");
  }

  /** Without the key nobody can tell "changed" from "cannot tell": an error, never a rollout. */
  @Test
  void aMissingKeyIsAnErrorNamingItNotARollout() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(withSecret(SECRET));
    byte[] state = Files.readAllBytes(dir.resolve("pool.state.json"));
    long groupsBefore = h.cloud.groups.size();

    Harness other = h.reopen(Map.of(KeySources.ENV, KEY_B));
    assertThatThrownBy(() -> other.workspace.plan(withSecret(SECRET)))
        .isInstanceOfSatisfying(
            StateException.class, e -> assertThat(e.kind()).isEqualTo(StateException.Kind.KEY))
        .hasMessageContaining("state key " + ID_A)
        .hasMessageContaining("pool.web machine.user_data")
        .hasMessageContaining("POOLFORM_STATE_KEY does not hold");
    assertThatThrownBy(() -> other.apply(withSecret(SECRET))).isInstanceOf(StateException.class);
    assertThat(Files.readAllBytes(dir.resolve("pool.state.json"))).isEqualTo(state);
    assertThat(h.cloud.groups).hasSize((int) groupsBefore);
    assertThat(h.cloud.group("web").machines).isNotEmpty();
  }

  /** A configuration without secrets never needs a key, and none is made for it. */
  @Test
  void noKeyIsNeededWithoutSecrets(@TempDir Path home) throws Exception {
    Harness h = new Harness(dir, Map.of("HOME", home.toString()));
    h.applyOk(config(pool("web").build()));
    assertThat(home.resolve(".config")).doesNotExist();
    Harness none = h.reopen(Map.of());
    assertThat(Workspace.effective(none.plan(config(pool("web").build())))).isEmpty();
  }

  /** The first secret makes a key file only its owner can read, and says so once. */
  @Test
  void theFirstSecretMakesAPrivateKeyFile(@TempDir Path home) throws Exception {
    Harness h = new Harness(dir, Map.of("HOME", home.toString()));
    PlanResult first = h.workspace.plan(withSecret(SECRET));
    Path file = home.resolve(".config/poolform/state.keys");
    assertThat(file).exists();
    assertThat(first.notices()).singleElement().asString().contains("Made a new state key");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
    }
    h.applyOk(withSecret(SECRET));
    PlanResult again = h.workspace.plan(withSecret(SECRET));
    assertThat(again.notices()).isEmpty();
    assertThat(Workspace.effective(again.plan().get())).isEmpty();
    String id = KeyRing.parse(Files.readString(file), "f").orElseThrow().current().id();
    assertThat(userDataDigest()).startsWith("hmac-sha256:" + id + ":");
  }

  /**
   * A teammate without the key who adds a secret must not get a second key of their own: the team's
   * state would then need two keys held by different people.
   */
  @Test
  void noSecondKeyWhenTheStateUsesOneThisRunLacks(@TempDir Path home) throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(withSecret(SECRET));
    Harness teammate = h.reopen(Map.of("HOME", home.toString()));
    IrConfig added = config(pool("web").build(), pool("db").userData("db secret").build());
    assertThatThrownBy(() -> teammate.workspace.plan(added))
        .isInstanceOf(StateException.class)
        .hasMessageContaining(ID_A)
        .hasMessageContaining(home.resolve(".config/poolform/state.keys").toString());
    assertThat(home.resolve(".config/poolform/state.keys")).doesNotExist();
  }

  /**
   * {@code pool state rekey}: a new current key in the key file, the old one kept; nothing rolls
   * out, the secrets still under the old key are listed until they change.
   */
  @Test
  void rekeyPutsANewKeyFirstAndListsWhatStillNeedsTheOld(@TempDir Path home) throws Exception {
    Harness h = new Harness(dir, Map.of("HOME", home.toString()));
    h.applyOk(withSecret(SECRET));
    Path file = home.resolve(".config/poolform/state.keys");
    String first = KeyRing.parse(Files.readString(file), "f").orElseThrow().current().id();

    Rekeyed r = h.workspace.rekey();
    assertThat(r.keyId()).isNotEqualTo(first);
    assertThat(r.where()).isEqualTo(file.toString());
    assertThat(r.older()).containsOnly(Map.entry(first, List.of("pool.web machine.user_data")));
    KeyRing ring = KeyRing.parse(Files.readString(file), "f").orElseThrow();
    assertThat(ring.keys()).extracting(StateKey::id).containsExactly(r.keyId(), first);
    byte[] state = Files.readAllBytes(dir.resolve("pool.state.json"));
    assertThat(Workspace.effective(h.plan(withSecret(SECRET)))).isEmpty();
    h.applyOk(withSecret(SECRET));
    assertThat(Files.readAllBytes(dir.resolve("pool.state.json"))).isEqualTo(state);

    h.applyOk(withSecret("changed"));
    assertThat(userDataDigest()).startsWith("hmac-sha256:" + r.keyId() + ":");
    assertThat(h.workspace.rekey().older()).containsOnlyKeys(r.keyId());

    // With the key in the environment Poolform cannot rotate; nor without the state's key.
    Path other = Files.createDirectory(dir.resolve("other"));
    assertThatThrownBy(() -> new Harness(other, Map.of(KeySources.ENV, KEY_A)).workspace.rekey())
        .isInstanceOf(StateException.class)
        .hasMessageContaining("put it first in POOLFORM_STATE_KEY");
    Files.delete(file);
    assertThatThrownBy(h.workspace::rekey)
        .isInstanceOf(StateException.class)
        .hasMessageContaining("does not hold");
    assertThat(file).doesNotExist();
  }

  /** A saved plan stays valid: apply seals the configuration to the same digests. */
  @Test
  void aSavedPlanAppliesWithTheSameDigests() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(withSecret(SECRET));
    Plan p = h.plan(withSecret("next"));
    assertThat(h.workspace.applyPlan(p, withSecret("next"), h.options, h.listener()).ok()).isTrue();
    assertThat(userDataDigest()).isEqualTo(Digests.of(StateKey.parse(KEY_A), "next"));
  }
}
