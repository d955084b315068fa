package dev.poolform.provider.aws.session;

import dev.poolform.runtime.provider.ProviderException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How EC2 is asked about ids whose answer never changes (an instance's launch, an image's root
 * device): each id once per session, {@link #BATCH} of them a call, as a filter ({@code
 * instance-id}, {@code image-id}) and not as an id list, every page. Unlike an id list, a filter
 * does not fail the whole call with {@code ...NotFound} for an id EC2 does not list (yet: EC2 is
 * eventually consistent, docs/providers/aws.md#real-cloud-notes); such an id is left out of the
 * answer and asked for again at the next read.
 */
final class FilteredReads {
  /** Filter values per call. */
  static final int BATCH = 200;

  private FilteredReads() {}

  /** One page of a filtered Describe call: reads it, keeps what it lists, returns its token. */
  @FunctionalInterface
  interface Page {
    String read(List<String> filterValues, String token) throws ProviderException;
  }

  /** Reads every page for those of {@code ids} that {@code known} does not hold yet. */
  static void load(Collection<String> ids, Collection<String> known, Page page)
      throws ProviderException {
    List<String> unknown = ids.stream().distinct().filter(i -> !known.contains(i)).toList();
    for (int i = 0; i < unknown.size(); i += BATCH) {
      List<String> batch = new ArrayList<>(unknown.subList(i, Math.min(unknown.size(), i + BATCH)));
      String token = null;
      do {
        token = page.read(batch, token);
      } while (token != null && !token.isEmpty());
    }
  }
}
