package dev.poolform.capi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.capi.emit.ApiVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs the schema tests use live in the repository, and their provenance is written down. */
class CrdValidatorTest {

  @Test
  void theCrdsComeFromTheTestResourcesInsideTheRepository() {
    Path dir = CrdValidator.crdDirectory().toAbsolutePath().normalize();
    Path repo = CrdValidator.repoRoot().toAbsolutePath().normalize();
    assertThat(dir).startsWith(repo);
  }

  @Test
  void everyKindTheEmitterWritesHasItsSchema() {
    CrdValidator v = CrdValidator.get();
    for (String kind : List.of("MachinePool", "MachineDeployment", "MachineHealthCheck")) {
      assertThat(v.knows(ApiVersions.CORE, kind)).as(kind).isTrue();
    }
    for (String kind : List.of("AWSMachinePool", "AWSMachineTemplate")) {
      assertThat(v.knows(ApiVersions.AWS, kind)).as(kind).isTrue();
    }
    for (String kind : List.of("AzureMachinePool", "AzureMachineTemplate")) {
      assertThat(v.knows(ApiVersions.AZURE, kind)).as(kind).isTrue();
    }
  }

  @Test
  void everyCrdFileIsNamedInTheReadmeWithItsUpstream() throws IOException {
    Path dir = CrdValidator.crdDirectory();
    String readme = Files.readString(dir.resolve("README.md"));
    assertThat(readme).contains("Apache License, Version 2.0");
    try (Stream<Path> files = Files.list(dir)) {
      List<String> yaml =
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
      assertThat(yaml).hasSize(7);
      for (String name : yaml) assertThat(readme).as(name).contains("`" + name + "`");
    }
  }
}
