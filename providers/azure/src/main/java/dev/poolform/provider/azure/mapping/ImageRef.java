package dev.poolform.provider.azure.mapping;

import com.azure.resourcemanager.compute.models.ImageReference;

/**
 * {@code machine.image}: a marketplace URN {@code publisher:offer:sku:version} or an image resource
 * id (a managed image or a gallery image version, anything starting with {@code /}).
 */
public final class ImageRef {
  private ImageRef() {}

  public static ImageReference toReference(String image) {
    if (image.startsWith("/")) return new ImageReference().withId(image);
    String[] p = image.split(":", -1);
    if (p.length != 4) {
      // The compiler checks this (E0405); a hand-made IR that slips through gets ARM's own error.
      return new ImageReference().withPublisher(image);
    }
    return new ImageReference().withPublisher(p[0]).withOffer(p[1]).withSku(p[2]).withVersion(p[3]);
  }

  /** The text form of what ARM reports, comparable with {@code machine.image}. */
  public static String text(ImageReference ref) {
    if (ref == null) return "";
    if (ref.id() != null) return ref.id();
    return ref.publisher() + ":" + ref.offer() + ":" + ref.sku() + ":" + ref.version();
  }
}
