package dev.poolform.provider.aws.harness;

import dev.poolform.ir.IrCloud;
import dev.poolform.provider.aws.AwsProvider;
import dev.poolform.provider.aws.connect.ClientOptions;
import dev.poolform.provider.aws.connect.Retries;
import dev.poolform.provider.aws.session.AwsSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.testing.moto.CallCounter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Sessions against an endpoint with fake static credentials and test-sized retries. */
public final class Sessions {
  private Sessions() {}

  /** Retries sized for tests: many quick attempts. */
  public static final Retries.Policy FAST =
      new Retries.Policy(
          12,
          Duration.ofMillis(20),
          Duration.ofMillis(50),
          Duration.ofMillis(400),
          Duration.ofSeconds(60));

  /** moto's account for any credentials it did not issue itself. */
  public static final StaticCredentialsProvider TESTING =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  public static ClientOptions options(CallCounter counter) {
    return options(counter, TESTING);
  }

  public static ClientOptions options(CallCounter counter, AwsCredentialsProvider credentials) {
    ClientOptions o =
        new ClientOptions(
            java.util.List.of(),
            FAST,
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            Optional.of(credentials));
    return counter == null ? o : o.withInterceptor(counter);
  }

  public static AwsSession open(URI endpoint, String lineage, CallCounter counter)
      throws ProviderException {
    return open(endpoint, lineage, counter, TESTING);
  }

  /** A session whose clients also run {@code interceptor} (to fail a chosen call, say). */
  public static AwsSession openWith(URI endpoint, String lineage, ExecutionInterceptor interceptor)
      throws ProviderException {
    return (AwsSession)
        new AwsProvider(options(null).withInterceptor(interceptor))
            .connect(
                new CloudTarget(AwsPools.cloud(endpoint.toString()), lineage),
                new ProviderContext(Path.of("."), Map.of(), Clock.systemUTC()));
  }

  /** A session with other credentials (moto answers in the account they belong to). */
  public static AwsSession open(
      URI endpoint, String lineage, CallCounter counter, AwsCredentialsProvider credentials)
      throws ProviderException {
    IrCloud cloud = AwsPools.cloud(endpoint.toString());
    return (AwsSession)
        new AwsProvider(options(counter, credentials))
            .connect(
                new CloudTarget(cloud, lineage),
                new ProviderContext(Path.of("."), Map.of(), Clock.systemUTC()));
  }
}
