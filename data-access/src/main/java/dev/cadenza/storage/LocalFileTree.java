package dev.cadenza.storage;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The filesystem mechanics behind {@link LocalObjectStorage}: atomic replacement through a staging
 * directory, pruning of emptied directories, and walking the tree for keys.
 */
final class LocalFileTree {

  /** How often a move is retried when a concurrent delete pruned the target directory. */
  private static final int MOVE_ATTEMPTS = 5;

  private final Path root;
  private final Path staging;

  LocalFileTree(Path root) {
    this.root = root;
    // Inside the root so that the final rename never crosses filesystems and stays atomic.
    this.staging = root.resolve(".tmp");
  }

  @FunctionalInterface
  interface TempWriter {
    void write(Path temp) throws IOException;
  }

  /** Writes {@code target}'s new content aside, then swaps it in with one rename. */
  void replace(Path target, TempWriter writer) throws IOException {
    moveIntoPlace(stage(writer), target);
  }

  /** A temp file in the staging directory filled by {@code writer}. */
  Path stage(TempWriter writer) throws IOException {
    Files.createDirectories(staging);
    Path temp = Files.createTempFile(staging, "write-", ".tmp");
    try {
      writer.write(temp);
      return temp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** Atomically renames {@code temp} to {@code target}, replacing it; removes temp on failure. */
  void moveIntoPlace(Path temp, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (NoSuchFileException | FileAlreadyExistsException prunedMeanwhile) {
        // A concurrent delete pruned a directory on the target's path while we made it
        // (mkdir saw it, the check after no longer did) or between our mkdir and our rename.
        if (attempt == MOVE_ATTEMPTS || Files.notExists(temp)) {
          Files.deleteIfExists(temp);
          throw prunedMeanwhile;
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    }
  }

  /** Removes the directories above {@code deleted} that are now empty, up to the root. */
  void pruneEmptyParents(Path deleted) throws IOException {
    // Without this, every finished job would leave its empty staging directories behind.
    for (Path dir = deleted.getParent();
        dir != null && !dir.equals(root) && dir.startsWith(root);
        dir = dir.getParent()) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException stillUsed) {
        return;
      } catch (NoSuchFileException alreadyGone) {
        // A concurrent delete got here first; its parent may still be empty.
      }
    }
  }

  /** Keys of all objects under {@code start}, skipping dot-named files and directories. */
  List<String> keysUnder(Path start) throws IOException {
    List<String> keys = new ArrayList<>();
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(start) && isDotName(dir)
            ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !isDotName(file)) {
          keys.add(toKey(file));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        // Deleted while we walked (or start does not exist): simply not listed.
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return keys;
  }

  private String toKey(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static boolean isDotName(Path path) {
    return path.getFileName().toString().startsWith(".");
  }
}
