package dev.poolform.provider.aws.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrCloud;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class ConnectTest {
  static CloudProvider aws() {
    return ServiceLoader.load(CloudProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.kind().equals("aws"))
        .findFirst()
        .orElseThrow();
  }

  static ProviderContext context(Map<String, String> env) {
    return new ProviderContext(Path.of("."), env, Clock.systemUTC());
  }

  @Test
  void missingRegionIsAConfigurationError() {
    IrCloud cloud = new IrCloud("aws", "prod", MapValue.EMPTY);
    assertThatThrownBy(() -> aws().connect(new CloudTarget(cloud, "l"), context(Map.of())))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFIGURATION);
              assertThat(e.attribute()).contains("region");
              assertThat(e.getMessage()).contains("`prod`").contains("region");
            });
  }

  @Test
  void missingCredentialsFailBeforeAnyCall() {
    String[] keys = {
      "aws.accessKeyId",
      "aws.secretAccessKey",
      "aws.disableEc2Metadata",
      "aws.sharedCredentialsFile",
      "aws.configFile"
    };
    Map<String, String> saved = new java.util.HashMap<>();
    for (String k : keys) if (System.getProperty(k) != null) saved.put(k, System.getProperty(k));
    try {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      System.setProperty("aws.disableEc2Metadata", "true");
      System.setProperty("aws.sharedCredentialsFile", "/nonexistent/credentials");
      System.setProperty("aws.configFile", "/nonexistent/config");
      IrCloud cloud =
          new IrCloud(
              "aws",
              "prod",
              MapValue.of(
                  Map.of(
                      "region",
                      new StringValue("eu-west-1"),
                      "profile",
                      new StringValue("no-such-profile"),
                      "endpoint",
                      new StringValue("http://127.0.0.1:9"))));
      assertThatThrownBy(() -> aws().connect(new CloudTarget(cloud, "l"), context(Map.of())))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFIGURATION);
                assertThat(e.getMessage())
                    .contains("No AWS credentials")
                    .contains("no-such-profile");
              });
    } finally {
      for (String k : keys) System.clearProperty(k);
      saved.forEach(System::setProperty);
    }
  }

  @Test
  void defaultChainAndEndpointFromEnvironment(MotoServer moto) throws Exception {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    try {
      IrCloud cloud =
          new IrCloud("aws", "prod", MapValue.of(Map.of("region", new StringValue("eu-west-1"))));
      try (CloudSession s =
          aws()
              .connect(
                  new CloudTarget(cloud, "l"),
                  context(Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString())))) {
        assertThat(s.read(List.of())).isEmpty();
        assertThat(s.findOwned("l")).isEmpty();
      }
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void malformedEndpointIsAConfigurationError() {
    IrCloud cloud =
        new IrCloud(
            "aws",
            "prod",
            MapValue.of(
                Map.of(
                    "region",
                    new StringValue("eu-west-1"),
                    "endpoint",
                    new StringValue("not a url"))));
    assertThatThrownBy(() -> aws().connect(new CloudTarget(cloud, "l"), context(Map.of())))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.attribute()).contains("endpoint"));
  }
}
