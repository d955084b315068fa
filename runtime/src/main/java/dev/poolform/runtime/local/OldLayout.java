package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Groups of the layout before regions: a local cloud kept its groups in a folder named after its
 * block ({@code .poolform/local/dev/} for {@code cloud local dev}), so renaming the block lost
 * them. Now a block's groups live in its region's folder; when a block whose name differs from its
 * region is used, the group files its old folder holds (group file format 1) move into the region,
 * once. A group the region already has by that name is a conflict: the message says how to keep the
 * old folder (name it as the block's region).
 */
final class OldLayout {
  private OldLayout() {}

  static void upgrade(Path workspace, String blockName, String region) throws ProviderException {
    if (blockName.equals(region) || !LocalCloud.validName(blockName)) return;
    Path old = LocalCloud.root(workspace).resolve(blockName);
    if (!Files.isDirectory(old)) return;
    GroupStore from = new GroupStore(old);
    GroupStore to = new GroupStore(LocalCloud.root(workspace).resolve(region));
    // Always the old folder's lock first: two processes upgrading cannot wait on each other.
    from.locked(
        false,
        () ->
            to.locked(
                true,
                () -> {
                  move(from, to, blockName, region);
                  return null;
                }));
  }

  private static void move(GroupStore from, GroupStore to, String blockName, String region)
      throws ProviderException, IOException {
    List<String> names = from.names();
    for (String name : names) {
      String text;
      try {
        text = Files.readString(from.fileOf(name), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (GroupCodec.formatOf(text) != GroupCodec.FORMAT_PER_BLOCK) continue;
      if (to.read(name).isPresent()) {
        throw new ProviderException(
            ProviderException.Kind.CONFLICT,
            null,
            null,
            "local cloud `"
                + blockName
                + "` has a group `"
                + name
                + "` in .poolform/local/"
                + blockName
                + "/ (where an earlier Poolform kept it), and its region `"
                + region
                + "` has one of that name too. Keep the old folder as this cloud's region: set"
                + " `region = \""
                + blockName
                + "\"` in `cloud local "
                + blockName
                + "`.",
            null);
      }
      LocalGroup g = from.read(name).orElseThrow();
      to.write(
          new LocalGroup(
              g.name(),
              region,
              g.createToken(),
              g.createdAt(),
              g.min(),
              g.max(),
              g.desired(),
              g.model(),
              g.tags(),
              g.launches(),
              g.settings(),
              g.machines()));
      from.delete(name);
    }
  }
}
