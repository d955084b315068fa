package dev.poolform.provider.aws;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.connect.AwsSettings;
import dev.poolform.provider.aws.connect.CallMetrics;
import dev.poolform.provider.aws.connect.ClientOptions;
import dev.poolform.provider.aws.session.AwsSession;
import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import java.util.Set;

/** The {@code aws} cloud kind. */
public final class AwsProvider implements CloudProvider {
  private final ClientOptions options;

  /** What {@link java.util.ServiceLoader} uses. */
  public AwsProvider() {
    this(ClientOptions.DEFAULT);
  }

  /** With extra client options (tests add interceptors and shorter retries). */
  public AwsProvider(ClientOptions options) {
    this.options = options;
  }

  @Override
  public String kind() {
    return "aws";
  }

  /**
   * Reads the cloud block, resolves credentials through the SDK's default chain (with the block's
   * profile, if any) and only then builds clients: a missing region or credential fails here,
   * before any call.
   */
  @Override
  public CloudSession connect(CloudTarget target, ProviderContext context)
      throws ProviderException {
    AwsSettings settings = AwsSettings.from(target.cloud(), context.environment());
    ClientOptions o =
        context.calls() == CloudCalls.NONE
            ? options
            : options.withPublisher(
                new CallMetrics(kind() + "." + target.cloud().name(), context.calls()));
    return new AwsSession(AwsClients.open(settings, o), target.lineage(), o, context.clock());
  }

  /** Everything in an AWS machine block can be rolled out with a new template version. */
  @Override
  public Set<String> immutableAttributes() {
    return Set.of();
  }
}
