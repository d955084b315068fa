package dev.poolform.provider.aws.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
  static AwsServiceException aws(int status, String code, String message) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .message(message)
        .build();
  }

  @Test
  void anAnswerWithNoAwsErrorInItSaysSoInsteadOfNull() {
    // What the SDK makes of a 404 from a web server at a mistyped endpoint.
    AwsServiceException notAws =
        AwsServiceException.builder()
            .statusCode(404)
            .awsErrorDetails(AwsErrorDetails.builder().serviceName("AutoScaling").build())
            .message("(Service: AutoScaling, Status Code: 404, Request ID: null)")
            .build();
    ProviderException e = AwsErrors.map("listing the Auto Scaling groups", notAws);
    assertThat(e.getMessage())
        .isEqualTo(
            "The endpoint answered HTTP 404 while listing the Auto Scaling groups, with no AWS"
                + " error in its reply: check that the cloud's `endpoint` (or AWS_ENDPOINT_URL) is"
                + " an AWS API.")
        .doesNotContain("null");
    assertThat(e.kind()).isEqualTo(Kind.OTHER);
  }

  @Test
  void invalidImageMapsToMachineImage() {
    ProviderException e =
        AwsErrors.map(
            "x",
            aws(400, "InvalidAMIID.Malformed", "Invalid id: \"ami-zz\" (expecting \"ami-...\")"));
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.attribute()).contains("machine.image");
    assertThat(e.cloudCode()).contains("InvalidAMIID.Malformed");
    assertThat(
            AwsErrors.map(
                    "x",
                    aws(
                        400,
                        "InvalidAMIID.NotFound",
                        "The image id '[ami-12345678]' does not exist"))
                .attribute())
        .contains("machine.image");
  }

  @Test
  void validationErrorsAreMappedByWhatTheySayAbout() {
    assertThat(
            AwsErrors.map(
                    "x",
                    aws(
                        400,
                        "ValidationError",
                        "The instance type 't9.huge' is not supported by the launch template"))
                .attribute())
        .contains("machine.size");
    assertThat(
            AwsErrors.map(
                    "x", aws(400, "InvalidParameterValue", "Invalid value 'x' for InstanceType."))
                .attribute())
        .contains("machine.size");
    assertThat(
            AwsErrors.map(
                    "x",
                    aws(
                        400,
                        "ValidationError",
                        "At least one Availability Zone or VPC Subnet is required."))
                .attribute())
        .contains("machine.zones");
    assertThat(
            AwsErrors.map(
                    "x",
                    aws(400, "InvalidSubnetID.NotFound", "The subnet ID 'subnet-1' does not exist"))
                .attribute())
        .contains("machine.subnets");
    assertThat(
            AwsErrors.map(
                    "x",
                    aws(
                        400,
                        "ValidationError",
                        "Desired capacity:9 must be between the specified min size:1 and max size:3"))
                .attribute())
        .contains("capacity.desired");
    assertThat(
            AwsErrors.map(
                    "x",
                    aws(
                        400,
                        "InvalidParameterValue",
                        "Volume of size 2GB is smaller than snapshot"))
                .attribute())
        .contains("machine.disk.size");
  }

  @Test
  void kinds() {
    assertThat(AwsErrors.map("x", aws(400, "Throttling", "Rate exceeded")).kind())
        .isEqualTo(Kind.TRANSIENT);
    assertThat(
            AwsErrors.map("x", aws(503, "RequestLimitExceeded", "Request limit exceeded.")).kind())
        .isEqualTo(Kind.TRANSIENT);
    assertThat(AwsErrors.map("x", aws(500, "InternalFailure", "oops")).kind())
        .isEqualTo(Kind.TRANSIENT);
    assertThat(
            AwsErrors.map("x", aws(403, "UnauthorizedOperation", "You are not authorized")).kind())
        .isEqualTo(Kind.CONFIGURATION);
    assertThat(AwsErrors.map("x", aws(400, "ScalingActivityInProgress", "busy")).kind())
        .isEqualTo(Kind.CONFLICT);
    assertThat(AwsErrors.map("x", aws(400, "InstanceRefreshInProgress", "busy")).kind())
        .isEqualTo(Kind.CONFLICT);
    assertThat(
            AwsErrors.map("x", aws(400, "InvalidLaunchTemplateName.NotFoundException", "gone"))
                .kind())
        .isEqualTo(Kind.NOT_FOUND);
    assertThat(
            AwsErrors.map(
                    "x",
                    SdkClientException.builder()
                        .message("Unable to execute")
                        .cause(new IOException("Connection reset"))
                        .build())
                .kind())
        .isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void anErrorWithoutACodeIsNotThrottling() {
    var e =
        AwsServiceException.builder()
            .statusCode(500)
            .awsErrorDetails(AwsErrorDetails.builder().errorMessage("<html>").build())
            .build();
    assertThat(dev.poolform.provider.aws.connect.Retries.isThrottling(e)).isFalse();
    assertThat(AwsErrors.map("x", e).kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void wordsInsideOtherWordsDoNotMatch() {
    assertThat(AwsErrors.attribute("ValidationError", "dynamic scaling is not supported here"))
        .isNull();
  }
}
