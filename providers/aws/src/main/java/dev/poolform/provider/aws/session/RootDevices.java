package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.runtime.provider.ProviderException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The root device name of each image ({@code RootDeviceName} of DescribeImages): where a pool's
 * {@code disk} settings must go. Amazon Linux boots from {@code /dev/xvda}, but Ubuntu, Debian,
 * RHEL and Windows images from {@code /dev/sda1}; a mapping for any other name adds an empty volume
 * and leaves the root as the image made it (docs/providers/aws.md#real-cloud-notes). An image never
 * changes its root device, so each is read once per session by an {@code image-id} filter ({@link
 * FilteredReads}: an image that is gone does not fail the call).
 */
final class RootDevices {
  private final AwsClients aws;
  private final Map<String, String> byImage = new ConcurrentHashMap<>();

  RootDevices(AwsClients aws) {
    this.aws = aws;
  }

  /** The root device of {@code image}, or empty when EC2 does not know the image. */
  Optional<String> of(String image) throws ProviderException {
    return Optional.ofNullable(of(List.of(image)).get(image));
  }

  /** The root devices of those of {@code images} EC2 knows, reading only those not known yet. */
  Map<String, String> of(Collection<String> images) throws ProviderException {
    FilteredReads.load(
        images,
        byImage.keySet(),
        (batch, token) -> {
          var r =
              Calls.read(
                  "reading the root devices of images " + batch,
                  () ->
                      aws.ec2Read()
                          .describeImages(
                              DescribeImagesRequest.builder()
                                  .filters(Filter.builder().name("image-id").values(batch).build())
                                  .nextToken(token)
                                  .build()));
          r.images()
              .forEach(
                  im -> {
                    if (im.rootDeviceName() != null) byImage.put(im.imageId(), im.rootDeviceName());
                  });
          return r.nextToken();
        });
    Map<String, String> out = new HashMap<>();
    for (String im : images) {
      String root = byImage.get(im);
      if (root != null) out.put(im, root);
    }
    return out;
  }
}
